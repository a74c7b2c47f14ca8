package dev.sspr.core.port;

import dev.sspr.core.Secret;

/** Issues CAPTCHA challenges: an answer and the picture that shows it. */
public interface CaptchaProvider {

    /** A new CAPTCHA: the answer to keep secret and the PNG to show. */
    record Captcha(Secret answer, byte[] png) {
    }

    /** Issues a CAPTCHA for one reset; the id lets a test double remember the answer per reset. */
    Captcha issue(String resetId);
}
