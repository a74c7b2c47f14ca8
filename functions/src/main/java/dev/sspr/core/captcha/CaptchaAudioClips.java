package dev.sspr.core.captcha;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Speech clips of the audio CAPTCHA, read from the classpath as samples in [-1, 1): one clip
 * per alphabet character, the instruction and the word spoken before the repetition.
 * scripts/generate-captcha-clips.sh writes the clips with espeak-ng.
 */
final class CaptchaAudioClips {
    /** Classpath folder of the clips, next to a README that describes how they were made. */
    static final String RESOURCE_DIR = "/captcha-audio/";
    /** Format of every clip: 8 kHz mono 16-bit signed little-endian PCM. */
    static final AudioFormat FORMAT = new AudioFormat(8000f, 16, 1, true, false);

    private final Map<Character, float[]> characterClips;
    private final float[] instruction;
    private final float[] again;

    private CaptchaAudioClips(Map<Character, float[]> characterClips, float[] instruction,
                              float[] again) {
        this.characterClips = characterClips;
        this.instruction = instruction;
        this.again = again;
    }

    /**
     * Reads the clip of every character of {@link CaptchaText#ALPHABET}, the instruction and
     * "Again".
     *
     * @throws IllegalStateException if a clip is missing, unreadable or not in {@link #FORMAT}
     */
    static CaptchaAudioClips load() {
        Map<Character, float[]> characterClips = new HashMap<>();
        for (char character : CaptchaText.ALPHABET.toCharArray()) {
            characterClips.put(character, read(character + ".wav"));
        }
        return new CaptchaAudioClips(Map.copyOf(characterClips), read("intro.wav"),
                read("again.wav"));
    }

    /**
     * Returns the clip of an upper-case alphabet character. Callers must not modify the array.
     *
     * @throws IllegalArgumentException if the character is not in the alphabet
     */
    float[] character(char character) {
        float[] clip = characterClips.get(character);
        if (clip == null) {
            // The message leaves out the character because it is part of a secret text.
            throw new IllegalArgumentException("No audio clip for a character outside the"
                    + " CAPTCHA alphabet " + CaptchaText.ALPHABET + ".");
        }
        return clip;
    }

    /** Returns the spoken instruction "Type the characters you hear." Do not modify it. */
    float[] instruction() {
        return instruction;
    }

    /** Returns the word "Again", spoken before the repetition. Do not modify it. */
    float[] again() {
        return again;
    }

    private static float[] read(String name) {
        String resource = RESOURCE_DIR + name;
        try (InputStream in = CaptchaAudioClips.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Audio clip " + resource + " not found on the"
                        + " classpath. Run scripts/generate-captcha-clips.sh to create it.");
            }
            // AudioSystem needs mark and reset to detect the file type, and a resource stream
            // from a jar supports neither.
            try (AudioInputStream audio =
                         AudioSystem.getAudioInputStream(new BufferedInputStream(in))) {
                if (!audio.getFormat().matches(FORMAT)) {
                    throw new IllegalStateException("Invalid audio clip " + resource + ": format "
                            + audio.getFormat() + ", expected " + FORMAT + ".");
                }
                return toSamples(audio.readAllBytes());
            }
        } catch (IOException | UnsupportedAudioFileException e) {
            throw new IllegalStateException("Failed to read audio clip " + resource + ".", e);
        }
    }

    /** Converts 16-bit signed little-endian samples to floats in [-1, 1). */
    private static float[] toSamples(byte[] bytes) {
        float[] samples = new float[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            int low = bytes[2 * i] & 0xFF;
            int high = bytes[2 * i + 1];
            samples[i] = ((high << 8) | low) / 32768f;
        }
        return samples;
    }
}
