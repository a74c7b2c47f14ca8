package dev.sspr.core.captcha;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.Secret;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CaptchaImageRendererTest {
    private static final CaptchaImageRenderer RENDERER = new CaptchaImageRenderer();

    /** Narrow and wide glyphs, so that the per-cell ink check covers both. */
    private static final List<String> TEXTS = List.of("ACK349", "LLTTYY", "MWMWMW", "LTY4EH");

    /**
     * Maximum RGB channel value of a text pixel. Glyphs have an HSB brightness of at most 0.35
     * (channel value 89), while curves, specks and background are at least 0.42.
     */
    private static final int MAX_TEXT_CHANNEL = 92;

    @Test
    void renderPng_decodesToExpectedSize() throws IOException {
        BufferedImage image = decode(RENDERER.renderPng(Secret.of("ACK349")));

        assertNotNull(image, "ImageIO found no PNG reader for the output");
        assertEquals(CaptchaImageRenderer.WIDTH, image.getWidth());
        assertEquals(CaptchaImageRenderer.HEIGHT, image.getHeight());
    }

    @Test
    void renderPng_differsForSameText() throws IOException {
        int[] first = pixels(decode(RENDERER.renderPng(Secret.of("ACK349"))));
        int[] second = pixels(decode(RENDERER.renderPng(Secret.of("ACK349"))));

        assertFalse(Arrays.equals(first, second), "two renders of one text have identical pixels");
    }

    @Test
    void renderPng_containsEnoughDarkPixels() throws IOException {
        int pixelCount = CaptchaImageRenderer.WIDTH * CaptchaImageRenderer.HEIGHT;
        for (String text : TEXTS) {
            for (int i = 0; i < 10; i++) {
                BufferedImage image = decode(RENDERER.renderPng(Secret.of(text)));

                // Text covered at least 6.8 % of the image in 16,000 renders. Without glyphs,
                // at most 0.1 % of pixels are this dark.
                int textPixels = countTextPixels(image, 0, CaptchaImageRenderer.WIDTH);
                assertTrue(textPixels >= pixelCount / 20,
                        text + ": only " + textPixels + " text pixels");
            }
        }
    }

    @Test
    void renderPng_drawsEveryCharacter() throws IOException {
        for (String text : TEXTS) {
            for (int i = 0; i < 10; i++) {
                BufferedImage image = decode(RENDERER.renderPng(Secret.of(text)));

                assertEveryCellHasInk(image, text);
            }
        }
    }

    @Test
    void renderPng_keepsBackgroundLight() throws IOException {
        int pixelCount = CaptchaImageRenderer.WIDTH * CaptchaImageRenderer.HEIGHT;
        for (int i = 0; i < 20; i++) {
            BufferedImage image = decode(RENDERER.renderPng(Secret.of("MWMWMW")));

            // At least 65 % of pixels were this light in 2,000 renders of this text.
            int lightPixels = countLightPixels(image);
            assertTrue(lightPixels >= pixelCount * 55 / 100,
                    "only " + lightPixels + " light pixels");
        }
    }

    @Test
    void renderPng_keepsGlyphsInsideImage() throws IOException {
        int lastRow = CaptchaImageRenderer.HEIGHT - 1;
        for (String text : TEXTS) {
            for (int i = 0; i < 20; i++) {
                BufferedImage image = decode(RENDERER.renderPng(Secret.of(text)));

                // A glyph cut off at the top or bottom edge could read as another character.
                assertEquals(0, countTextPixelsInRow(image, 0),
                        text + ": text pixels in the top row");
                assertEquals(0, countTextPixelsInRow(image, lastRow),
                        text + ": text pixels in the bottom row");
            }
        }
    }

    @Test
    void renderPng_rejectsBlankText() {
        assertThrows(IllegalArgumentException.class, () -> RENDERER.renderPng(Secret.of("")));
        assertThrows(IllegalArgumentException.class, () -> RENDERER.renderPng(Secret.of("   ")));
    }

    @Test
    void renderPng_acceptsMaxLengthText() throws IOException {
        int maxLength = CaptchaImageRenderer.MAX_TEXT_LENGTH;
        String longest = "MW".repeat(maxLength).substring(0, maxLength);

        BufferedImage image = decode(RENDERER.renderPng(Secret.of(longest)));

        assertEveryCellHasInk(image, longest);
    }

    @Test
    void renderPng_rejectsOverlongText() {
        String overlong = "A".repeat(CaptchaImageRenderer.MAX_TEXT_LENGTH + 1);

        assertThrows(IllegalArgumentException.class, () -> RENDERER.renderPng(Secret.of(overlong)));
    }

    @Test
    void renderPng_rejectsCharacterWithoutGlyph() {
        // DejaVu Sans has no CJK ideographs.
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RENDERER.renderPng(Secret.of("AB\u6F22")));

        assertTrue(error.getMessage().contains("index 2"), error.getMessage());
        assertFalse(error.getMessage().contains("AB"),
                "message reveals the secret text: " + error.getMessage());
    }

    @Test
    void dataUri_encodesPngAsBase64() {
        byte[] png = RENDERER.renderPng(Secret.of("ACK349"));
        String prefix = "data:image/png;base64,";

        String uri = CaptchaImageRenderer.dataUri(png);

        assertTrue(uri.startsWith(prefix), uri.substring(0, Math.min(40, uri.length())));
        assertArrayEquals(png, Base64.getDecoder().decode(uri.substring(prefix.length())));
    }

    @Test
    void dataUri_rejectsNonPngBytes() {
        byte[] jpegStart = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F'};
        byte[] tooShort = new byte[3];

        assertThrows(IllegalArgumentException.class, () -> CaptchaImageRenderer.dataUri(jpegStart));
        assertThrows(IllegalArgumentException.class, () -> CaptchaImageRenderer.dataUri(tooShort));
    }

    /** Asserts ink in each of the equal-width cells that the renderer centres the characters in. */
    private static void assertEveryCellHasInk(BufferedImage image, String text) {
        int margin = CaptchaImageRenderer.MARGIN;
        double cellWidth = (CaptchaImageRenderer.WIDTH - 2.0 * margin) / text.length();
        for (int cell = 0; cell < text.length(); cell++) {
            int from = (int) Math.round(margin + cell * cellWidth);
            int to = (int) Math.round(margin + (cell + 1) * cellWidth);

            // Glyphs left at least 127 text pixels in their cell in 18,000 renders, the fewest
            // for outlined L and for M and W at 7 characters. A neighbour spilled at most 64
            // into an empty cell.
            int textPixels = countTextPixels(image, from, to);
            assertTrue(textPixels >= 100,
                    text + ": only " + textPixels + " text pixels in cell " + cell);
        }
    }

    private static int countTextPixels(BufferedImage image, int fromX, int toX) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                if (isTextPixel(image.getRGB(x, y))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int countTextPixelsInRow(BufferedImage image, int y) {
        int count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            if (isTextPixel(image.getRGB(x, y))) {
                count++;
            }
        }
        return count;
    }

    private static boolean isTextPixel(int rgb) {
        int red = (rgb >> 16) & 0xFF;
        int green = (rgb >> 8) & 0xFF;
        int blue = rgb & 0xFF;
        int maxChannel = Math.max(red, Math.max(green, blue));
        return maxChannel <= MAX_TEXT_CHANNEL;
    }

    /** Counts pixels with a Rec. 709 luma above 200 of 255. */
    private static int countLightPixels(BufferedImage image) {
        int count = 0;
        for (int rgb : pixels(image)) {
            int red = (rgb >> 16) & 0xFF;
            int green = (rgb >> 8) & 0xFF;
            int blue = rgb & 0xFF;
            double luma = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
            if (luma > 200) {
                count++;
            }
        }
        return count;
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
