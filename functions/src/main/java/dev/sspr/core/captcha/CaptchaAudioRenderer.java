package dev.sspr.core.captcha;

import dev.sspr.core.Secret;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioFormat;

/**
 * Renderer of CAPTCHA texts as spoken WAV audio, the accessible alternative to
 * {@link CaptchaImageRenderer}. The audio speaks the instruction "Type the characters you hear.",
 * the English name of each character ("aitch" for H, "six" for 6), the word "Again." and the
 * names once more.
 * Each character clip is slowed down or sped up at random, pauses between characters vary, and
 * background noise of filtered hiss and reversed-speech babble plays throughout.
 *
 * <p>The output is pure Java and needs no system tools. Create one renderer and reuse it, because
 * the constructor reads the clips. Instances are safe for concurrent use.
 */
public final class CaptchaAudioRenderer {
    /**
     * Format of the WAV output: 8 kHz mono 8-bit unsigned PCM, which every browser plays. Its
     * quantisation noise lay at least 20 dB below the added noise in 500 renders, so 16-bit
     * samples would double the size and not be heard.
     */
    public static final AudioFormat FORMAT = new AudioFormat(8000f, 8, 1, false, false);
    /**
     * Maximum text length. At 6 characters even the longest layout stays under 150,000 bytes, so
     * its base64 form stays under 200,000 characters and leaves room for the PNG in a 256 KB
     * Step Functions payload.
     */
    public static final int MAX_TEXT_LENGTH = 6;

    /** Range of the factor by which each character clip is lengthened (below 1, shortened). */
    static final double MIN_STRETCH = 0.92;
    static final double MAX_STRETCH = 1.08;
    /** Range of the pause between two characters, in seconds. */
    static final double MIN_GAP_SECONDS = 0.3;
    static final double MAX_GAP_SECONDS = 0.6;
    /** Range of the signal-to-noise ratio in dB, from character speech power to noise power. */
    static final double MIN_SNR_DB = 11;
    static final double MAX_SNR_DB = 15;

    private static final double LEAD_SECONDS = 0.3;
    private static final double INSTRUCTION_PAUSE_SECONDS = 0.7;
    private static final double REPEAT_PAUSE_SECONDS = 0.8;
    private static final double AGAIN_PAUSE_SECONDS = 0.5;
    private static final double TAIL_SECONDS = 0.3;
    private static final double FADE_SECONDS = 0.02;
    /** Peak level of the output, leaving headroom under full scale. */
    private static final float PEAK_LEVEL = 0.95f;

    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WAVE = "WAVE".getBytes(StandardCharsets.US_ASCII);

    private final CaptchaAudioClips clips;
    private final List<float[]> babbleSources;
    private final Random random;

    /** Creates a renderer that reads the shipped clips and draws variations from a SecureRandom. */
    public CaptchaAudioRenderer() {
        this(new SecureRandom());
    }

    CaptchaAudioRenderer(Random random) {
        this.clips = CaptchaAudioClips.load();
        List<float[]> sources = new ArrayList<>();
        for (char character : CaptchaText.ALPHABET.toCharArray()) {
            sources.add(clips.character(character));
        }
        this.babbleSources = List.copyOf(sources);
        this.random = random;
    }

    /**
     * Renders the text as a WAV file in {@link #FORMAT} that differs on every call. Six
     * characters take 11.3 to 18.3 seconds, at 8,000 bytes per second plus a 44-byte header.
     *
     * @throws IllegalArgumentException if the text is empty, longer than {@value #MAX_TEXT_LENGTH}
     *     characters or contains a character outside {@link CaptchaText#ALPHABET}, in either case
     */
    public byte[] renderWav(Secret text) {
        return render(text).wav();
    }

    /**
     * Encodes a WAV file as a {@code data:audio/wav;base64,...} URI for an HTML audio element.
     *
     * @throws IllegalArgumentException if the bytes do not start with a RIFF WAVE header
     */
    public static String dataUri(byte[] wav) {
        boolean riffWave = wav.length >= 12
                && Arrays.equals(wav, 0, 4, RIFF, 0, 4)
                && Arrays.equals(wav, 8, 12, WAVE, 0, 4);
        if (!riffWave) {
            throw new IllegalArgumentException("Invalid WAV: the " + wav.length
                    + " bytes do not start with a RIFF WAVE header. Pass the output of renderWav.");
        }
        return "data:audio/wav;base64," + Base64.getEncoder().encodeToString(wav);
    }

    /** Renders the text and returns the WAV with the frame ranges of its speech. */
    Rendering render(Secret text) {
        char[] characters = validate(text.reveal());
        List<Segment> characterSegments = new ArrayList<>();
        List<Segment> promptSegments = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();

        int position = frames(LEAD_SECONDS);
        position = place(clips.instruction(), position, promptSegments, placements);
        position += frames(INSTRUCTION_PAUSE_SECONDS);
        position = placeCharacters(characters, position, characterSegments, placements);
        position += frames(REPEAT_PAUSE_SECONDS);
        position = place(clips.again(), position, promptSegments, placements);
        position += frames(AGAIN_PAUSE_SECONDS);
        position = placeCharacters(characters, position, characterSegments, placements);
        int length = position + frames(TAIL_SECONDS);

        float[] speech = new float[length];
        for (Placement placement : placements) {
            float[] clip = placement.clip();
            System.arraycopy(clip, 0, speech, placement.start(), clip.length);
        }

        float[] mix = addNoise(speech, characterSegments);
        fadeEnds(mix);
        normalisePeak(mix);
        return new Rendering(CaptchaAudioSignal.encodeWav(mix), List.copyOf(characterSegments),
                List.copyOf(promptSegments));
    }

    /** Returns the upper-case characters of a valid text. */
    private char[] validate(String value) {
        if (value.isEmpty() || value.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("Invalid CAPTCHA text of length " + value.length()
                    + ": expected 1 to " + MAX_TEXT_LENGTH + " characters.");
        }
        char[] characters = new char[value.length()];
        for (int i = 0; i < characters.length; i++) {
            characters[i] = Character.toUpperCase(value.charAt(i));
            if (CaptchaText.ALPHABET.indexOf(characters[i]) < 0) {
                // The message leaves out the character because the text is secret.
                throw new IllegalArgumentException("Invalid CAPTCHA text: the character at index "
                        + i + " is not in the alphabet " + CaptchaText.ALPHABET + ".");
            }
        }
        return characters;
    }

    /** Places each character's clip, stretched at random, with a random pause before the next. */
    private int placeCharacters(char[] characters, int position, List<Segment> segments,
                                List<Placement> placements) {
        for (int i = 0; i < characters.length; i++) {
            if (i > 0) {
                position += frames(uniform(MIN_GAP_SECONDS, MAX_GAP_SECONDS));
            }
            double factor = uniform(MIN_STRETCH, MAX_STRETCH);
            float[] clip = CaptchaAudioSignal.stretch(clips.character(characters[i]), factor);
            position = place(clip, position, segments, placements);
        }
        return position;
    }

    /** Records a clip at {@code position} and returns the frame after its end. */
    private static int place(float[] clip, int position, List<Segment> segments,
                             List<Placement> placements) {
        segments.add(new Segment(position, position + clip.length));
        placements.add(new Placement(clip, position));
        return position + clip.length;
    }

    /**
     * Returns speech plus noise whose power lies a random 11 to 15 dB below the mean power of
     * the character clips. The prompts take no part in the ratio because they are not secret.
     */
    private float[] addNoise(float[] speech, List<Segment> characterSegments) {
        double speechEnergy = 0;
        long speechFrames = 0;
        for (Segment segment : characterSegments) {
            int frames = segment.end() - segment.start();
            speechEnergy += CaptchaAudioSignal.meanPower(speech, segment.start(), segment.end())
                    * frames;
            speechFrames += frames;
        }
        double speechPower = speechEnergy / speechFrames;
        double snrDb = uniform(MIN_SNR_DB, MAX_SNR_DB);
        // The noise has a mean power of 1, so its gain is the square root of the target power.
        double noiseGain = Math.sqrt(speechPower / Math.pow(10, snrDb / 10));

        SplittableRandom noiseRandom = new SplittableRandom(random.nextLong());
        float[] noise = CaptchaAudioNoise.generate(speech.length, babbleSources, noiseRandom);
        float[] mix = new float[speech.length];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = (float) (speech[i] + noiseGain * noise[i]);
        }
        return mix;
    }

    /** Fades the noise in and out, so that playback starts and stops without a click. */
    private static void fadeEnds(float[] samples) {
        int fade = Math.min(frames(FADE_SECONDS), samples.length / 2);
        for (int i = 0; i < fade; i++) {
            float gain = (float) i / fade;
            samples[i] *= gain;
            samples[samples.length - 1 - i] *= gain;
        }
    }

    /** Scales the samples in place so that the loudest one reaches {@link #PEAK_LEVEL}. */
    private static void normalisePeak(float[] samples) {
        float peak = 0;
        for (float sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        if (peak > 0) {
            float gain = PEAK_LEVEL / peak;
            for (int i = 0; i < samples.length; i++) {
                samples[i] *= gain;
            }
        }
    }

    private double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    private static int frames(double seconds) {
        return (int) Math.round(seconds * FORMAT.getFrameRate());
    }

    /** A clip and the frame at which it starts in the output. */
    private record Placement(float[] clip, int start) {
    }

    /** Frame range [start, end) of one clip in the output. */
    record Segment(int start, int end) {
    }

    /** A rendered WAV file with the frame ranges of its character clips and spoken prompts. */
    record Rendering(byte[] wav, List<Segment> characterSegments, List<Segment> promptSegments) {
    }
}
