package dev.sspr.core.captcha;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Background, curves, specks and wave distortion that make CAPTCHA glyphs harder to segment
 * by machine. Specks are lighter and curves thinner than glyph strokes, and the wave shifts
 * columns by a few pixels only, so people still read the text at a glance.
 */
final class CaptchaNoise {
    private static final int SPECK_COUNT = 180;

    private CaptchaNoise() {
    }

    /** Fills the image with a light gradient between two random near-white colours. */
    static void paintBackground(Graphics2D g, int width, int height, Random random) {
        Color left = randomColor(random, 0.0f, 0.10f, 0.94f, 1.0f);
        Color right = randomColor(random, 0.0f, 0.10f, 0.94f, 1.0f);
        g.setPaint(new GradientPaint(0, 0, left, width, height, right));
        g.fillRect(0, 0, width, height);
    }

    /** Scatters small light-grey dots over the image. */
    static void paintSpecks(Graphics2D g, int width, int height, Random random) {
        for (int i = 0; i < SPECK_COUNT; i++) {
            g.setColor(randomColor(random, 0.0f, 0.25f, 0.62f, 0.82f));
            double diameter = 1.0 + random.nextDouble() * 2.0;
            g.fill(new Ellipse2D.Double(
                    random.nextDouble() * width, random.nextDouble() * height, diameter, diameter));
        }
    }

    /**
     * Draws a curve that runs from the left edge to the right edge through the text band.
     * Its stroke width in pixels should stay well under the glyph stroke width.
     */
    static void paintCurve(Graphics2D g, int width, int height, Color color, float strokeWidth,
                           Random random) {
        double band = height * 0.6;
        double top = (height - band) / 2;
        CubicCurve2D curve = new CubicCurve2D.Double(
                -5, top + random.nextDouble() * band,
                width * 0.33, random.nextDouble() * height,
                width * 0.66, random.nextDouble() * height,
                width + 5, top + random.nextDouble() * band);
        g.setColor(color);
        g.setStroke(new BasicStroke(strokeWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(curve);
    }

    /**
     * Shifts each pixel column up or down along a sine wave, so that straight glyph edges and
     * baselines bend. Pixels shifted in from outside repeat the nearest edge row.
     */
    static void applyWave(BufferedImage image, Random random) {
        int width = image.getWidth();
        int height = image.getHeight();
        double amplitude = 2.0 + random.nextDouble() * 2.0;
        double period = 90.0 + random.nextDouble() * 60.0;
        double phase = random.nextDouble() * 2 * Math.PI;
        int[] source = image.getRGB(0, 0, width, height, null, 0, width);
        int[] target = new int[source.length];
        for (int x = 0; x < width; x++) {
            int shift = (int) Math.round(amplitude * Math.sin(2 * Math.PI * x / period + phase));
            for (int y = 0; y < height; y++) {
                int sourceY = Math.min(height - 1, Math.max(0, y + shift));
                target[y * width + x] = source[sourceY * width + x];
            }
        }
        image.setRGB(0, 0, width, height, target, 0, width);
    }

    /** Returns a colour of random hue, with saturation and brightness drawn from the ranges. */
    static Color randomColor(Random random, float minSaturation, float maxSaturation,
                             float minBrightness, float maxBrightness) {
        float hue = random.nextFloat();
        float saturation = minSaturation + random.nextFloat() * (maxSaturation - minSaturation);
        float brightness = minBrightness + random.nextFloat() * (maxBrightness - minBrightness);
        return Color.getHSBColor(hue, saturation, brightness);
    }
}
