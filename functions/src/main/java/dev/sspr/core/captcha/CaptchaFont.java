package dev.sspr.core.captcha;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;

/** Loader of the TrueType font that is shipped on the classpath for CAPTCHA images. */
final class CaptchaFont {
    /** Classpath location of DejaVu Sans Bold, next to its licence and fonts.conf. */
    static final String RESOURCE = "/fonts/DejaVuSans-Bold.ttf";

    private CaptchaFont() {
    }

    /**
     * Loads the shipped font at a size of 1 point, from which callers derive their sizes.
     * Reading from the classpath works from a directory and from a fat jar alike.
     * Font.createFont copies the stream to a temporary file in java.io.tmpdir, which is
     * /tmp and writable in AWS Lambda.
     *
     * @throws IllegalStateException if the resource is missing or Java 2D cannot load it
     */
    static Font load() {
        try (InputStream in = CaptchaFont.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Font resource " + RESOURCE + " not found on the classpath.");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            // JDK 17 and 25 on Linux report only "Problem reading font data" when fontconfig
            // finds no fonts at all, so the message names the usual fix.
            throw new IllegalStateException("Failed to load font " + RESOURCE
                    + ". Where the system has no fonts, set FONTCONFIG_FILE to a fonts.conf"
                    + " that lists the directory of this font, such as"
                    + " /var/task/fonts/fonts.conf in AWS Lambda.", e);
        }
    }
}
