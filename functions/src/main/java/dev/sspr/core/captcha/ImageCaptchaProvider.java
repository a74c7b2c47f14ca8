package dev.sspr.core.captcha;

import dev.sspr.core.Secret;
import dev.sspr.core.port.CaptchaProvider;

/** Issues CAPTCHAs as random texts drawn into distorted PNG pictures. */
public final class ImageCaptchaProvider implements CaptchaProvider {
    private final CaptchaImageRenderer renderer;

    /** Loads the shipped font once; build one provider per container and reuse it. */
    public ImageCaptchaProvider() {
        this.renderer = new CaptchaImageRenderer();
    }

    @Override
    public Captcha issue(String resetId) {
        Secret answer = CaptchaText.generate();
        return new Captcha(answer, renderer.renderPng(answer));
    }
}
