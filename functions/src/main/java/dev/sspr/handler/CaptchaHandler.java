package dev.sspr.handler;

import dev.sspr.core.ApiResponse;
import dev.sspr.core.CaptchaStep;
import dev.sspr.core.ResetCore;

/** Starts a reset with a CAPTCHA and replaces the picture on request. */
public final class CaptchaHandler extends StepHandler {
    private final CaptchaStep captcha;

    /** Builds the handler for Lambda from the function's environment. */
    public CaptchaHandler() {
        this(lambdaCore());
    }

    public CaptchaHandler(ResetCore core) {
        super("captcha");
        this.captcha = new CaptchaStep(core);
    }

    @Override
    protected ApiResponse handle(StepRequest request) {
        if ("captchaAudio".equals(request.action())) {
            return captcha.audio(request.resetId(), request.context());
        }
        if ("refreshCaptcha".equals(request.action())) {
            return captcha.refresh(request.resetId(), request.context());
        }
        return captcha.start(request.context());
    }
}
