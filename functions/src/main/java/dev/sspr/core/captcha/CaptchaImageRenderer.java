package dev.sspr.core.captcha;

import dev.sspr.core.Secret;

import java.awt.BasicStroke;
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
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renderer of CAPTCHA texts as distorted PNG images: dark glyphs with random rotation,
 * offset, scale and shear, two of six drawn as outlines only, on a light background with
 * crossing curves and light specks, all bent by a two-dimensional wave.
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
    /** Maximum text length. At 7 characters, wide glyphs such as M and W shrink but still read. */
    public static final int MAX_TEXT_LENGTH = 7;
    /** Maximum glyph rotation either way, in radians (20 degrees). */
    static final double MAX_ROTATION = Math.toRadians(20);
    /**
     * Number of glyphs drawn as outlines in a text of 6 or 7 characters, and fewer in shorter
     * texts. Over 400 images (scripts/captcha-ocr-check.sh, seeds 1 and 2), outlining two glyphs
     * lowered the solve rate of the best Tesseract 5.3 attack from 4.3 % to 2.5 %.
     */
    static final int OUTLINED_GLYPHS = 2;

    private static final byte[] PNG_SIGNATURE =
            {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final float FONT_SIZE = 46f;
    private static final float OUTLINE_WIDTH = 3.5f;
    /** Range of the random glyph scale, before glyphs shrink to fit their cell. */
    private static final double MIN_SCALE = 0.78;
    private static final double MAX_SCALE = 1.15;
    private static final double MAX_SHEAR = 0.3;
    /** Maximum distance in pixels by which a glyph centre moves up or down from the middle. */
    private static final double MAX_VERTICAL_OFFSET = 15;
    /** Maximum distance in pixels by which a glyph centre moves left or right in its cell. */
    private static final double MAX_HORIZONTAL_OFFSET = 3;
    /**
     * Space in pixels kept free above and below glyph shapes: half the outline width plus the
     * largest vertical shift of the warp, so that no glyph leaves the image.
     */
    private static final double EDGE = 6;
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
        CaptchaNoise.applyWarp(image, random);
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

    /**
     * Draws each character in its own cell with a random transform and dark colour, filled or
     * as an outline.
     */
    private void paintGlyphs(Graphics2D g, String value) {
        FontRenderContext context = g.getFontRenderContext();
        double cellWidth = (WIDTH - 2.0 * MARGIN) / value.length();
        Set<Integer> outlined = pickOutlinedGlyphs(value.length());
        g.setStroke(new BasicStroke(OUTLINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < value.length(); i++) {
            Shape outline = font.createGlyphVector(context, value.substring(i, i + 1)).getOutline();
            Shape glyph = placeGlyph(outline, MARGIN + cellWidth * (i + 0.5), cellWidth);

            g.setColor(CaptchaNoise.randomColor(random, 0.5f, 0.9f, 0.15f, 0.35f));
            if (outlined.contains(i)) {
                g.draw(glyph);
            } else {
                g.fill(glyph);
            }
        }
    }

    /** Picks the positions of the outlined glyphs: one per three characters, at most two. */
    private Set<Integer> pickOutlinedGlyphs(int length) {
        int count = Math.min(OUTLINED_GLYPHS, length / 3);
        Set<Integer> positions = new HashSet<>();
        while (positions.size() < count) {
            positions.add(random.nextInt(length));
        }
        return positions;
    }

    /**
     * Returns the glyph outline scaled, rotated and sheared at random, around a point near the
     * cell centre. A glyph whose distorted outline is wider than the cell shrinks to the cell
     * width, so that neighbours overlap at most by their corners and the horizontal offset. The
     * vertical offset is limited so that the whole glyph stays inside the image.
     */
    private Shape placeGlyph(Shape outline, double cellCentreX, double cellWidth) {
        Rectangle2D bounds = outline.getBounds2D();
        double scale = MIN_SCALE + random.nextDouble() * (MAX_SCALE - MIN_SCALE);
        AffineTransform distortion = new AffineTransform();
        distortion.rotate(jitter(MAX_ROTATION));
        distortion.shear(jitter(MAX_SHEAR), 0);
        distortion.scale(scale, scale);
        distortion.translate(-bounds.getCenterX(), -bounds.getCenterY());
        Rectangle2D distorted = distortion.createTransformedShape(outline).getBounds2D();
        double fit = Math.min(1.0, cellWidth / distorted.getWidth());

        double lowestCentre = Math.max(HEIGHT / 2.0 - MAX_VERTICAL_OFFSET,
                EDGE - fit * distorted.getMinY());
        double highestCentre = Math.min(HEIGHT / 2.0 + MAX_VERTICAL_OFFSET,
                HEIGHT - EDGE - fit * distorted.getMaxY());
        double centreY = lowestCentre <= highestCentre
                ? lowestCentre + random.nextDouble() * (highestCentre - lowestCentre)
                : HEIGHT / 2.0;
        double centreX = cellCentreX + jitter(MAX_HORIZONTAL_OFFSET);

        AffineTransform place = AffineTransform.getTranslateInstance(centreX, centreY);
        place.scale(fit, fit);
        place.concatenate(distortion);
        return place.createTransformedShape(outline);
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
