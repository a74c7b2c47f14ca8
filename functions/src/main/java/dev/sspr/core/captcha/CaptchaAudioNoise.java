package dev.sspr.core.captcha;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Background noise of the audio CAPTCHA: low-pass filtered Gaussian noise with a slowly varying
 * level, mixed with babble made of reversed speech clips. Reversed clips keep the spectrum of
 * speech, so a frequency filter alone cannot remove them, and played backwards most of them no
 * longer sound like letter names.
 */
final class CaptchaAudioNoise {
    private CaptchaAudioNoise() {
    }

    /**
     * Generates noise with a mean power of 1, from a generator that the caller seeds.
     * SecureRandom.nextGaussian took about 40 ms per 150,000 values on a 2-core machine, several
     * times a whole render, so the caller seeds a {@link SplittableRandom} from SecureRandom.
     *
     * @param babbleSources clips that play reversed, at random times and speeds, in the babble
     */
    static float[] generate(int length, List<float[]> babbleSources, SplittableRandom random) {
        float[] hiss = normalised(hiss(length, random));
        float[] babble = normalised(babble(length, babbleSources, random));
        // The share of hiss in the noise power, so the mix runs from mostly babble to mostly hiss.
        double hissShare = 0.4 + 0.3 * random.nextDouble();
        double hissGain = Math.sqrt(hissShare);
        double babbleGain = Math.sqrt(1 - hissShare);
        float[] noise = new float[length];
        for (int i = 0; i < length; i++) {
            noise[i] = (float) (hissGain * hiss[i] + babbleGain * babble[i]);
        }
        return noise;
    }

    /**
     * Generates Gaussian noise through a one-pole low-pass filter, with a level that rises and
     * falls by up to 30 % once every 1 to 3 seconds. The filter's cutoff frequency lies between
     * about 280 Hz and 1.2 kHz at 8 kHz, which takes the harsh top off white noise.
     */
    private static float[] hiss(int length, SplittableRandom random) {
        double smoothing = 0.4 + 0.4 * random.nextDouble();
        double sampleRate = CaptchaAudioClips.FORMAT.getSampleRate();
        double modulationCyclesPerSample = (0.3 + 0.7 * random.nextDouble()) / sampleRate;
        double modulationPhase = random.nextDouble() * 2 * Math.PI;
        float[] hiss = new float[length];
        double filtered = 0;
        for (int i = 0; i < length; i++) {
            filtered = smoothing * filtered + (1 - smoothing) * gaussian(random);
            double angle = 2 * Math.PI * modulationCyclesPerSample * i + modulationPhase;
            double level = 1 + 0.3 * Math.sin(angle);
            hiss[i] = (float) (filtered * level);
        }
        return hiss;
    }

    /**
     * Overlays two streams of reversed clips. Each clip is played 0.8 to 1.2 times as long as
     * recorded, and the next one in its stream starts before it ends.
     */
    private static float[] babble(int length, List<float[]> sources, SplittableRandom random) {
        float[] babble = new float[length];
        for (int stream = 0; stream < 2; stream++) {
            // A start before 0 lets the first clip of a stream be already playing at the start.
            int position = -random.nextInt(4000);
            while (position < length) {
                float[] source = sources.get(random.nextInt(sources.size()));
                float[] clip = CaptchaAudioSignal.stretch(source, 0.8 + 0.4 * random.nextDouble());
                double gain = 0.5 + 0.5 * random.nextDouble();
                for (int i = 0; i < clip.length; i++) {
                    int target = position + i;
                    if (target >= 0 && target < length) {
                        babble[target] += (float) (gain * clip[clip.length - 1 - i]);
                    }
                }
                position += (int) (clip.length * (0.5 + 0.5 * random.nextDouble()));
            }
        }
        return babble;
    }

    /** Draws a standard normal value with the Box-Muller transform. */
    private static double gaussian(SplittableRandom random) {
        double uniform = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(uniform)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Scales the samples in place to a mean power of 1, unless they are all zero. */
    private static float[] normalised(float[] samples) {
        double power = CaptchaAudioSignal.meanPower(samples, 0, samples.length);
        if (power > 0) {
            float gain = (float) (1 / Math.sqrt(power));
            for (int i = 0; i < samples.length; i++) {
                samples[i] *= gain;
            }
        }
        return samples;
    }
}
