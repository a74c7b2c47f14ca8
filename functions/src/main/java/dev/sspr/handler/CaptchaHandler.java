package dev.sspr.handler;

import dev.sspr.core.ApiResponse;
import dev.sspr.core.CancelStep;
import dev.sspr.core.CaptchaStep;
import dev.sspr.core.RequestFields;
import dev.sspr.core.ResetCore;
import java.util.Optional;
import java.util.Set;

/** Starts a reset with a CAPTCHA, replaces the picture on request, and cancels a reset. */
public final class CaptchaHandler extends StepHandler {
    private final CaptchaStep captcha;
    private final CancelStep cancel;

    /** Builds the handler for Lambda from the function's environment. */
    public CaptchaHandler() {
        this(lambdaCore());
    }

    public CaptchaHandler(ResetCore core) {
        super("captcha");
        this.captcha = new CaptchaStep(core);
        this.cancel = new CancelStep(core);
    }

    @Override
    protected ApiResponse handle(StepRequest request) {
        if ("captchaAudio".equals(request.action())) {
            return captcha.audio(request.resetId(), request.context());
        }
        // Starting, cancelling and asking for a new picture take an empty object, so any field is a mistake.
        Optional<String> unexpected = RequestFields.unknownField(request.body(), Set.of());
        if (unexpected.isPresent()) {
            return RequestFields.unknown(unexpected.get());
        }
        if ("cancel".equals(request.action())) {
            return cancel.cancel(request.resetId(), request.context());
        }
        if ("refreshCaptcha".equals(request.action())) {
            return captcha.refresh(request.resetId(), request.context());
        }
        return captcha.start(request.context());
    }
}
