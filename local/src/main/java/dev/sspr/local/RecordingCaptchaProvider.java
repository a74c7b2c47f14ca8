package dev.sspr.local;

import dev.sspr.core.Secret;
import dev.sspr.core.port.CaptchaProvider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers the newest CAPTCHA answer of each reset, for {@code --expose-captcha-answers}. */
final class RecordingCaptchaProvider implements CaptchaProvider {
    private final CaptchaProvider delegate;
    private final Map<String, Secret> answers = new ConcurrentHashMap<>();

    RecordingCaptchaProvider(CaptchaProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public Captcha issue(String resetId) {
        Captcha captcha = delegate.issue(resetId);
        answers.put(resetId, captcha.answer());
        return captcha;
    }

    Optional<Secret> answer(String resetId) {
        return Optional.ofNullable(answers.get(resetId));
    }
}
