package dev.sspr.core.captcha;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.core.Secret;
import dev.sspr.core.captcha.CaptchaAudioRenderer.Rendering;
import dev.sspr.core.captcha.CaptchaAudioRenderer.Segment;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Test;

class CaptchaAudioRendererTest {
    private static final CaptchaAudioRenderer RENDERER = new CaptchaAudioRenderer();
    private static final float FRAME_RATE = CaptchaAudioRenderer.FORMAT.getFrameRate();
    /** Size limit of a WAV for six characters, so that it fits a Step Functions payload. */
    private static final int MAX_WAV_BYTES = 150_000;

    /** Texts with the shortest (E, T) and longest (9, W) clips and a mixed one. */
    private static final List<String> TEXTS = List.of("ACK349", "ETETET", "9W9W9W", "LTY4EH");

    @Test
    void renderWav_parsesWithExpectedFormat() throws Exception {
        byte[] wav = RENDERER.renderWav(Secret.of("ACK349"));

        try (AudioInputStream audio = decode(wav)) {
            AudioFormat format = audio.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_UNSIGNED, format.getEncoding());
            assertEquals(8000f, format.getSampleRate());
            assertEquals(8, format.getSampleSizeInBits());
            assertEquals(1, format.getChannels());
            assertEquals(wav.length - 44, audio.getFrameLength(), "expected a 44-byte header");
        }
    }

    @Test
    void renderWav_lastsSensibleTime() throws Exception {
        for (String text : TEXTS) {
            for (int i = 0; i < 5; i++) {
                byte[] wav = RENDERER.renderWav(Secret.of(text));

                double seconds = durationSeconds(wav);
                // The shortest and longest possible layouts of six characters last 11.3 and
                // 18.3 s.
                assertTrue(seconds >= 11, text + ": only " + seconds + " s");
                assertTrue(seconds <= 18.5, text + ": " + seconds + " s");
            }
        }
    }

    @Test
    void renderWav_staysUnderSizeLimit() {
        for (String text : TEXTS) {
            for (int i = 0; i < 10; i++) {
                int size = RENDERER.renderWav(Secret.of(text)).length;

                assertTrue(size <= MAX_WAV_BYTES, text + ": " + size + " bytes");
            }
        }
    }

    @Test
    void renderWav_longestLayoutStaysUnderSizeLimit() {
        CaptchaAudioRenderer longest = new CaptchaAudioRenderer(new MaxRandom());

        for (String text : List.of("999999", "WWWWWW")) {
            int size = longest.renderWav(Secret.of(text)).length;

            assertTrue(size <= MAX_WAV_BYTES, text + ": " + size + " bytes");
        }
    }

    @Test
    void renderWav_differsForSameText() {
        byte[] first = RENDERER.renderWav(Secret.of("ACK349"));
        byte[] second = RENDERER.renderWav(Secret.of("ACK349"));

        assertFalse(Arrays.equals(first, second), "two renders of one text are identical");
    }

    @Test
    void renderWav_speaksEveryAlphabetCharacter() throws Exception {
        CaptchaAudioClips clips = CaptchaAudioClips.load();
        for (char character : CaptchaText.ALPHABET.toCharArray()) {
            // Every clip is a spoken name, which takes at least 0.25 s at 140 words per minute.
            int clipFrames = clips.character(character).length;
            assertTrue(clipFrames >= 0.25 * FRAME_RATE,
                    character + ": clip of only " + clipFrames + " frames");

            Rendering rendering = RENDERER.render(Secret.of(String.valueOf(character)));

            assertEquals(2, rendering.characterSegments().size(), "character " + character);
            assertTrue(durationSeconds(rendering.wav()) > 0, "character " + character);
        }
    }

    @Test
    void renderWav_acceptsLowerCase() {
        Rendering rendering = RENDERER.render(Secret.of("ack349"));

        assertEquals(12, rendering.characterSegments().size());
    }

    @Test
    void renderWav_rejectsCharacterOutsideAlphabet() {
        // B, 0 and 1 are excluded look-alikes. A space, an accented E and a hyphen are outside
        // the alphabet too.
        List<String> texts =
                List.of("ACK34B", "ACK340", "1CK349", "AC K34", "ACK34\u00C9", "AC-349");
        for (String text : texts) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> RENDERER.renderWav(Secret.of(text)), text);

            assertFalse(error.getMessage().contains(text),
                    "message reveals the secret text: " + error.getMessage());
        }
    }

    @Test
    void renderWav_rejectsEmptyText() {
        assertThrows(IllegalArgumentException.class, () -> RENDERER.renderWav(Secret.of("")));
    }

    @Test
    void renderWav_rejectsOverlongText() {
        String overlong = "A".repeat(CaptchaAudioRenderer.MAX_TEXT_LENGTH + 1);

        assertThrows(IllegalArgumentException.class, () -> RENDERER.renderWav(Secret.of(overlong)));
    }

    @Test
    void render_speaksTextTwiceAfterPrompts() {
        Rendering rendering = RENDERER.render(Secret.of("ACK349"));
        List<Segment> characters = rendering.characterSegments();
        List<Segment> prompts = rendering.promptSegments();

        assertEquals(12, characters.size());
        assertEquals(2, prompts.size());
        assertTrue(prompts.get(0).end() <= characters.get(0).start(),
                "the instruction overlaps the first character");
        assertTrue(characters.get(5).end() <= prompts.get(1).start(),
                "\"Again\" overlaps the sixth character");
        assertTrue(prompts.get(1).end() <= characters.get(6).start(),
                "\"Again\" overlaps the repetition");
    }

    @Test
    void render_stretchesClipsWithinRange() {
        CaptchaAudioClips clips = CaptchaAudioClips.load();
        int clipFrames = clips.character('A').length;
        Rendering rendering = RENDERER.render(Secret.of("AAAAAA"));

        long distinctLengths = rendering.characterSegments().stream()
                .mapToInt(segment -> segment.end() - segment.start())
                .distinct()
                .count();
        assertTrue(distinctLengths > 1, "all 12 clips of A have the same length");
        for (Segment segment : rendering.characterSegments()) {
            int frames = segment.end() - segment.start();
            assertTrue(frames >= Math.floor(clipFrames * CaptchaAudioRenderer.MIN_STRETCH),
                    frames + " frames, recorded clip " + clipFrames);
            assertTrue(frames <= Math.ceil(clipFrames * CaptchaAudioRenderer.MAX_STRETCH),
                    frames + " frames, recorded clip " + clipFrames);
        }
    }

    @Test
    void render_pausesBetweenCharactersWithinRange() {
        Rendering rendering = RENDERER.render(Secret.of("ACK349"));
        List<Segment> characters = rendering.characterSegments();
        double minGap = Math.floor(CaptchaAudioRenderer.MIN_GAP_SECONDS * FRAME_RATE);
        double maxGap = Math.ceil(CaptchaAudioRenderer.MAX_GAP_SECONDS * FRAME_RATE);

        for (int i = 1; i < characters.size(); i++) {
            if (i == 6) {
                continue; // "Again" lies between the two passes.
            }
            int gap = characters.get(i).start() - characters.get(i - 1).end();
            assertTrue(gap >= minGap, "gap of " + gap + " frames before character " + i);
            assertTrue(gap <= maxGap, "gap of " + gap + " frames before character " + i);
        }
    }

    @Test
    void render_makesCharactersLouderThanNoise() throws Exception {
        for (String text : TEXTS) {
            for (int i = 0; i < 10; i++) {
                Rendering rendering = RENDERER.render(Secret.of(text));
                double[] samples = decodeSamples(rendering.wav());
                double noisePower = noiseOnlyPower(samples, rendering);

                // Speech and noise add up in power, so clip regions carry at least
                // 1 + 10^(11 / 10) = 13.6 times the noise power on average. The 3 dB margin
                // covers noise that is louder in the clips than in the pauses.
                double speechPower = characterPower(samples, rendering.characterSegments());
                double ratioDb = 10 * Math.log10(speechPower / noisePower);
                assertTrue(ratioDb >= CaptchaAudioRenderer.MIN_SNR_DB - 3,
                        text + ": clips only " + ratioDb + " dB above the pauses");

                for (Segment segment : rendering.characterSegments()) {
                    double clipPower = power(samples, segment.start(), segment.end());
                    double clipRatioDb = 10 * Math.log10(clipPower / noisePower);
                    // The clips with the least power, X and W, lay at least 8.4 dB above the
                    // pauses in 24,000 clips.
                    assertTrue(clipRatioDb >= 6, text + ": clip at frame " + segment.start()
                            + " only " + clipRatioDb + " dB above the pauses");
                }
            }
        }
    }

    @Test
    void dataUri_encodesWavAsBase64() {
        byte[] wav = RENDERER.renderWav(Secret.of("ACK349"));
        String prefix = "data:audio/wav;base64,";

        String uri = CaptchaAudioRenderer.dataUri(wav);

        assertTrue(uri.startsWith(prefix), uri.substring(0, Math.min(40, uri.length())));
        assertArrayEquals(wav, Base64.getDecoder().decode(uri.substring(prefix.length())));
    }

    @Test
    void dataUri_rejectsNonWavBytes() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        byte[] riffWithoutWave = {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'A', 'V', 'I', ' '};
        byte[] tooShort = {'R', 'I', 'F', 'F'};

        assertThrows(IllegalArgumentException.class, () -> CaptchaAudioRenderer.dataUri(png));
        assertThrows(IllegalArgumentException.class,
                () -> CaptchaAudioRenderer.dataUri(riffWithoutWave));
        assertThrows(IllegalArgumentException.class, () -> CaptchaAudioRenderer.dataUri(tooShort));
    }

    /** Returns the mean power of the frames that lie in no clip, without the faded ends. */
    private static double noiseOnlyPower(double[] samples, Rendering rendering) {
        boolean[] speech = new boolean[samples.length];
        for (List<Segment> segments :
                List.of(rendering.characterSegments(), rendering.promptSegments())) {
            for (Segment segment : segments) {
                Arrays.fill(speech, segment.start(), segment.end(), true);
            }
        }
        int fade = (int) (0.05 * FRAME_RATE);
        double sum = 0;
        int count = 0;
        for (int i = fade; i < samples.length - fade; i++) {
            if (!speech[i]) {
                sum += samples[i] * samples[i];
                count++;
            }
        }
        return sum / count;
    }

    private static double characterPower(double[] samples, List<Segment> segments) {
        double sum = 0;
        int count = 0;
        for (Segment segment : segments) {
            for (int i = segment.start(); i < segment.end(); i++) {
                sum += samples[i] * samples[i];
                count++;
            }
        }
        return sum / count;
    }

    private static double power(double[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return sum / (to - from);
    }

    /** Decodes 8-bit unsigned samples to values around 0 through javax.sound.sampled. */
    private static double[] decodeSamples(byte[] wav) throws Exception {
        try (AudioInputStream audio = decode(wav)) {
            byte[] bytes = audio.readAllBytes();
            double[] samples = new double[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                samples[i] = ((bytes[i] & 0xFF) - 128) / 128.0;
            }
            return samples;
        }
    }

    private static double durationSeconds(byte[] wav) throws Exception {
        try (AudioInputStream audio = decode(wav)) {
            return audio.getFrameLength() / audio.getFormat().getFrameRate();
        }
    }

    private static AudioInputStream decode(byte[] wav)
            throws IOException, UnsupportedAudioFileException {
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(wav));
        return AudioSystem.getAudioInputStream(in);
    }

    /**
     * Random source that always draws the top of each range, which gives the longest clips and
     * pauses. The renderer draws its layout with nextDouble only.
     */
    private static final class MaxRandom extends Random {
        @Override
        public double nextDouble() {
            return Math.nextDown(1.0);
        }
    }
}
