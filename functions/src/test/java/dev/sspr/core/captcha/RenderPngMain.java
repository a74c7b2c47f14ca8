package dev.sspr.core.captcha;

import dev.sspr.core.Secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point for a child JVM that renders one CAPTCHA image into the file named by the
 * first argument. It exits with status 0 on success and 1 on an uncaught exception.
 */
public final class RenderPngMain {
    private RenderPngMain() {
    }

    /** Renders "ACK349" and writes the PNG to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        byte[] png = new CaptchaImageRenderer().renderPng(Secret.of("ACK349"));
        Files.write(Path.of(args[0]), png);
    }
}
