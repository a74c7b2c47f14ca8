package dev.sspr.core.captcha;

import dev.sspr.core.Secret;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renderer of CAPTCHA texts as distorted PNG images: dark glyphs with random rotation,
 * offset, scale and shear on a light background with crossing curves and light specks.
 *
 * <p>Create one renderer and reuse it, because the constructor loads the font.
 * Instances are safe for concurrent use. On Linux the process needs fontconfig to find
 * at least one font, so runtimes without system fonts must set {@code FONTCONFIG_FILE}
 * to the shipped {@code fonts/fonts.conf} (see that file).
 */
public final class CaptchaImageRenderer {
    /** Image width in pixels. */
    public static final int WIDTH = 240;
    /** Image height in pixels. */
    public static final int HEIGHT = 80;
    /** Maximum text length. At 7 characters, runs of wide glyphs such as M and W touch but read. */
    public static final int MAX_TEXT_LENGTH = 7;
    /** Maximum glyph rotation either way, in radians (20 degrees). */
    static final double MAX_ROTATION = Math.toRadians(20);

    private static final byte[] PNG_SIGNATURE =
            {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final float FONT_SIZE = 46f;
    /** Space in pixels left and right of the character cells. */
    static final int MARGIN = 10;

    static {
        // BufferedImage.createGraphics starts the local GraphicsEnvironment, which on Linux
        // connects to the X server in DISPLAY unless headless mode is on. The property
        // counts only if it is set before that start.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final Font font;
    private final Random random;

    /** Creates a renderer that loads the shipped font and draws distortions from a SecureRandom. */
    public CaptchaImageRenderer() {
        this(new SecureRandom());
    }

    CaptchaImageRenderer(Random random) {
        this.font = CaptchaFont.load().deriveFont(FONT_SIZE);
        this.random = random;
    }

    /**
     * Renders the text as a {@value #WIDTH}x{@value #HEIGHT} PNG image that differs on every call.
     *
     * @throws IllegalArgumentException if the text is blank, longer than {@value #MAX_TEXT_LENGTH}
     *     characters or contains a character that the font cannot display
     */
    public byte[] renderPng(Secret text) {
        String value = text.reveal();
        validate(value);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            CaptchaNoise.paintBackground(g, WIDTH, HEIGHT, random);
            CaptchaNoise.paintSpecks(g, WIDTH, HEIGHT, random);
            for (int i = 0; i < 2; i++) {
                Color behind = CaptchaNoise.randomColor(random, 0.3f, 0.7f, 0.45f, 0.65f);
                CaptchaNoise.paintCurve(g, WIDTH, HEIGHT, behind, 2.5f, random);
            }
            paintGlyphs(g, value);
            // Curves stay lighter than glyphs (brightness up to 0.35), so text is the darkest ink.
            Color over = CaptchaNoise.randomColor(random, 0.3f, 0.7f, 0.42f, 0.55f);
            CaptchaNoise.paintCurve(g, WIDTH, HEIGHT, over, 1.6f, random);
        } finally {
            g.dispose();
        }
        CaptchaNoise.applyWave(image, random);
        return encodePng(image);
    }

    /**
     * Encodes a PNG image as a {@code data:image/png;base64,...} URI for an HTML img element.
     *
     * @throws IllegalArgumentException if the bytes do not start with the PNG signature
     */
    public static String dataUri(byte[] png) {
        int signatureLength = PNG_SIGNATURE.length;
        if (png.length < signatureLength
                || !Arrays.equals(png, 0, signatureLength, PNG_SIGNATURE, 0, signatureLength)) {
            throw new IllegalArgumentException("Invalid PNG: the " + png.length
                    + " bytes do not start with the PNG signature. Pass the output of renderPng.");
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private void validate(String value) {
        if (value.isBlank() || value.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("Invalid CAPTCHA text of length " + value.length()
                    + ": expected 1 to " + MAX_TEXT_LENGTH + " characters, not all whitespace.");
        }
        int undisplayable = font.canDisplayUpTo(value);
        if (undisplayable >= 0) {
            // The message leaves out the character because the text is secret.
            throw new IllegalArgumentException("Invalid CAPTCHA text: the character at index "
                    + undisplayable + " has no glyph in " + CaptchaFont.RESOURCE + ".");
        }
    }

    /** Draws each character centred in its own cell, with a random transform and dark colour. */
    private void paintGlyphs(Graphics2D g, String value) {
        FontRenderContext context = g.getFontRenderContext();
        double cellWidth = (WIDTH - 2.0 * MARGIN) / value.length();
        for (int i = 0; i < value.length(); i++) {
            Shape outline = font.createGlyphVector(context, value.substring(i, i + 1)).getOutline();
            Rectangle2D bounds = outline.getBounds2D();
            double scale = 0.85 + random.nextDouble() * 0.25;
            // Wide glyphs such as M and W shrink to the cell so that neighbours barely touch.
            double fitScale = Math.min(scale, cellWidth * 0.95 / Math.max(1.0, bounds.getWidth()));

            AffineTransform transform = new AffineTransform();
            double centreX = MARGIN + cellWidth * (i + 0.5) + jitter(3);
            double centreY = HEIGHT / 2.0 + jitter(8);
            transform.translate(centreX, centreY);
            transform.rotate(jitter(MAX_ROTATION));
            transform.shear(jitter(0.2), 0);
            transform.scale(fitScale, scale);
            transform.translate(-bounds.getCenterX(), -bounds.getCenterY());

            g.setColor(CaptchaNoise.randomColor(random, 0.5f, 0.9f, 0.15f, 0.35f));
            g.fill(transform.createTransformedShape(outline));
        }
    }

    /** Returns a uniform random value in [-limit, limit). */
    private double jitter(double limit) {
        return (random.nextDouble() * 2 - 1) * limit;
    }

    /** Encodes in memory, because ImageIO.write may buffer through a temporary file. */
    private static byte[] encodePng(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to encode the CAPTCHA image as PNG.", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
