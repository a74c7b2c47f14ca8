package dev.sspr.core.captcha;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Sample-level operations of the audio CAPTCHA on mono float samples in [-1, 1]. */
final class CaptchaAudioSignal {
    private CaptchaAudioSignal() {
    }

    /**
     * Resamples a clip by linear interpolation to {@code factor} times its length, which lowers
     * the pitch by the same factor as it slows the clip down (and raises it when speeding up).
     */
    static float[] stretch(float[] clip, double factor) {
        int length = Math.max(1, (int) Math.round(clip.length * factor));
        float[] stretched = new float[length];
        for (int i = 0; i < length; i++) {
            double sourcePosition = i / factor;
            int left = (int) sourcePosition;
            if (left >= clip.length - 1) {
                stretched[i] = clip[clip.length - 1];
            } else {
                double fraction = sourcePosition - left;
                stretched[i] = (float) (clip[left] * (1 - fraction) + clip[left + 1] * fraction);
            }
        }
        return stretched;
    }

    /** Returns the mean of the squared samples in [from, to), or 0 for an empty range. */
    static double meanPower(float[] samples, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return sum / (to - from);
    }

    /**
     * Encodes samples as a WAV file in {@link CaptchaAudioRenderer#FORMAT}, mono 8-bit unsigned
     * PCM. Samples outside [-1, 1] are clipped.
     */
    static byte[] encodeWav(float[] samples) {
        byte[] data = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            float clipped = Math.max(-1f, Math.min(1f, samples[i]));
            // Unsigned 8-bit PCM stores silence as 128.
            data[i] = (byte) (128 + Math.round(clipped * 127f));
        }
        AudioFormat format = CaptchaAudioRenderer.FORMAT;
        AudioInputStream audio =
                new AudioInputStream(new ByteArrayInputStream(data), format, samples.length);
        ByteArrayOutputStream wav = new ByteArrayOutputStream(data.length + 64);
        try {
            AudioSystem.write(audio, AudioFileFormat.Type.WAVE, wav);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to encode the audio CAPTCHA as WAV.", e);
        }
        return wav.toByteArray();
    }
}
