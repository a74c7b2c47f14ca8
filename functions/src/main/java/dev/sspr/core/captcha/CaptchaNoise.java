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
 * by machine. Specks are lighter and curves thinner than glyph strokes, and the warp moves no
 * pixel by more than about 4 pixels, so people still read the text at a glance.
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
     * Bends the image along two sine waves. Each column moves up or down by up to 2.25 to 3.75
     * pixels depending on x, and each row left or right by up to 1.1 to 1.9 pixels depending on
     * y. Glyph edges and baselines curve, and the row shift makes straight strokes wobble.
     * Pixels are sampled bilinearly, and positions outside the image take the nearest edge pixel.
     */
    static void applyWarp(BufferedImage image, Random random) {
        int width = image.getWidth();
        int height = image.getHeight();
        double columnAmplitude = 2.25 + random.nextDouble() * 1.5;
        double columnPeriod = 56.0 + random.nextDouble() * 28.0;
        double columnPhase = random.nextDouble() * 2 * Math.PI;
        double rowAmplitude = 1.1 + random.nextDouble() * 0.8;
        double rowPeriod = 48.0 + random.nextDouble() * 24.0;
        double rowPhase = random.nextDouble() * 2 * Math.PI;

        int[] source = image.getRGB(0, 0, width, height, null, 0, width);
        int[] target = new int[source.length];
        for (int y = 0; y < height; y++) {
            double sourceX = rowAmplitude * Math.sin(2 * Math.PI * y / rowPeriod + rowPhase);
            for (int x = 0; x < width; x++) {
                double sourceY = y + columnAmplitude
                        * Math.sin(2 * Math.PI * x / columnPeriod + columnPhase);
                target[y * width + x] = sampleBilinear(source, width, height, x + sourceX, sourceY);
            }
        }
        image.setRGB(0, 0, width, height, target, 0, width);
    }

    /** Interpolates the RGB pixel at a fractional position, clamped to the image. */
    private static int sampleBilinear(int[] pixels, int width, int height, double x, double y) {
        double clampedX = Math.max(0, Math.min(width - 1, x));
        double clampedY = Math.max(0, Math.min(height - 1, y));
        int left = Math.min((int) clampedX, width - 2);
        int top = Math.min((int) clampedY, height - 2);
        double fractionX = clampedX - left;
        double fractionY = clampedY - top;
        int topLeft = pixels[top * width + left];
        int topRight = pixels[top * width + left + 1];
        int bottomLeft = pixels[(top + 1) * width + left];
        int bottomRight = pixels[(top + 1) * width + left + 1];

        int rgb = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            double upper = channel(topLeft, shift) * (1 - fractionX)
                    + channel(topRight, shift) * fractionX;
            double lower = channel(bottomLeft, shift) * (1 - fractionX)
                    + channel(bottomRight, shift) * fractionX;
            int value = (int) Math.round(upper * (1 - fractionY) + lower * fractionY);
            rgb |= value << shift;
        }
        return rgb;
    }

    private static int channel(int rgb, int shift) {
        return (rgb >> shift) & 0xFF;
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
