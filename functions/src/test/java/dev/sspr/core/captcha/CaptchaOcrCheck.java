package dev.sspr.core.captcha;

import dev.sspr.core.Secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measurement of how often Tesseract OCR reads CAPTCHA images correctly, run by
 * scripts/captcha-ocr-check.sh. It renders CAPTCHAs with {@link CaptchaImageRenderer}, prepares
 * each image in three ways with ImageMagick besides leaving it unchanged, runs tesseract in three
 * page segmentation modes with the CAPTCHA alphabet as whitelist, and prints the solve rate and
 * character accuracy of each of the twelve attacks.
 *
 * <p>It is a program, not a JUnit test, because it needs tesseract and ImageMagick and runs for
 * minutes. Arguments: {@code [count] [seed] [work directory]}, by default 200, 1 and a new
 * temporary directory. The same seed renders the same images.
 */
public final class CaptchaOcrCheck {
    /**
     * Image preparations, as ImageMagick convert options between input and output. The
     * brightness threshold uses what the source code reveals: glyphs have an HSB brightness of
     * at most 0.35 and every other mark at least 0.42.
     */
    private static final Map<String, List<String>> PREPARATIONS = preparations();
    /** Tesseract page segmentation modes: single text line, single word and raw line. */
    private static final List<Integer> PAGE_SEGMENTATION_MODES = List.of(7, 8, 13);
    private static final long PROCESS_TIMEOUT_SECONDS = 60;

    private CaptchaOcrCheck() {
    }

    private static Map<String, List<String>> preparations() {
        Map<String, List<String>> preparations = new LinkedHashMap<>();
        preparations.put("none", List.of());
        preparations.put("grey threshold 50%", List.of("-colorspace", "Gray", "-threshold", "50%"));
        preparations.put("brightness threshold 38%, median 3, scale 2", List.of(
                "-colorspace", "HSB", "-channel", "B", "-separate", "+channel",
                "-threshold", "38%", "-median", "3", "-resize", "200%"));
        // Closing small gaps and flood-filling the background from a corner fills every enclosed
        // white area, so that outlined glyphs become solid again.
        preparations.put("brightness threshold 38%, gaps closed, holes filled, scale 2", List.of(
                "-colorspace", "HSB", "-channel", "B", "-separate", "+channel",
                "-threshold", "38%", "-morphology", "Open", "Disk:1.5",
                "-bordercolor", "white", "-border", "1",
                "-fill", "red", "-draw", "color 0,0 floodfill",
                "-fill", "black", "+opaque", "red", "-fill", "white", "-opaque", "red",
                "-shave", "1x1", "-resize", "200%"));
        return preparations;
    }

    /** Renders the images, runs every attack on them and prints the results. */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path workDir = args.length > 2
                ? Files.createDirectories(Path.of(args[2]))
                : Files.createTempDirectory("captcha-ocr-");

        List<String> answers = renderImages(count, seed, workDir);
        List<Attack> attacks = new ArrayList<>();
        for (String preparation : PREPARATIONS.keySet()) {
            for (int mode : PAGE_SEGMENTATION_MODES) {
                attacks.add(new Attack(preparation, mode));
            }
        }

        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            prepareImages(count, workDir, executor);
            Map<Attack, List<String>> readings = new LinkedHashMap<>();
            for (Attack attack : attacks) {
                readings.put(attack, readAll(attack, count, workDir, executor));
            }
            printReport(count, seed, workDir, answers, readings);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Writes {@code i.png} for each image and returns the answers in order. */
    private static List<String> renderImages(int count, long seed, Path workDir)
            throws IOException {
        Random random = new Random(seed);
        CaptchaImageRenderer renderer = new CaptchaImageRenderer(random);
        List<String> answers = new ArrayList<>();
        StringBuilder answerFile = new StringBuilder();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < CaptchaText.LENGTH; j++) {
                int index = random.nextInt(CaptchaText.ALPHABET.length());
                text.append(CaptchaText.ALPHABET.charAt(index));
            }
            answers.add(text.toString());
            answerFile.append(i).append('\t').append(text).append('\n');
            byte[] png = renderer.renderPng(Secret.of(text.toString()));
            Files.write(workDir.resolve(i + ".png"), png);
        }
        Files.writeString(workDir.resolve("answers.tsv"), answerFile);
        return answers;
    }

    private static void prepareImages(int count, Path workDir, ExecutorService executor)
            throws Exception {
        List<Future<String>> results = new ArrayList<>();
        int index = 0;
        for (List<String> options : PREPARATIONS.values()) {
            int preparation = index++;
            if (options.isEmpty()) {
                continue;
            }
            for (int i = 0; i < count; i++) {
                List<String> command = new ArrayList<>();
                command.add("convert");
                command.add(workDir.resolve(i + ".png").toString());
                command.addAll(options);
                command.add(workDir.resolve(i + "-" + preparation + ".png").toString());
                results.add(executor.submit(() -> run(command)));
            }
        }
        for (Future<String> result : results) {
            result.get();
        }
    }

    private static List<String> readAll(Attack attack, int count, Path workDir,
                                        ExecutorService executor) throws Exception {
        int preparation = new ArrayList<>(PREPARATIONS.keySet()).indexOf(attack.preparation());
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = preparation == 0 ? i + ".png" : i + "-" + preparation + ".png";
            List<String> command = List.of("tesseract", workDir.resolve(name).toString(), "stdout",
                    "--psm", String.valueOf(attack.pageSegmentationMode()),
                    "-c", "tessedit_char_whitelist=" + CaptchaText.ALPHABET);
            results.add(executor.submit(() -> CaptchaText.canonical(run(command))));
        }
        List<String> readings = new ArrayList<>();
        for (Future<String> result : results) {
            readings.add(result.get());
        }
        return readings;
    }

    /** Runs a command with one OpenMP thread and returns its standard output. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // Tesseract would otherwise start a thread per core in each of the parallel processes.
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Timed out after " + PROCESS_TIMEOUT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IOException(
                    "Failed with exit status " + process.exitValue() + ": " + command);
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static void printReport(int count, long seed, Path workDir, List<String> answers,
                                    Map<Attack, List<String>> readings) {
        System.out.printf(Locale.ROOT, "%d CAPTCHAs, seed %d, images in %s%n%n",
                count, seed, workDir);
        System.out.println("| preparation | psm | solved | solve rate | character accuracy |");
        System.out.println("|---|---|---|---|---|");
        boolean[] solvedByAny = new boolean[count];
        int[] correct = new int[CaptchaText.ALPHABET.length()];
        int[] occurrences = new int[CaptchaText.ALPHABET.length()];
        for (Map.Entry<Attack, List<String>> entry : readings.entrySet()) {
            Attack attack = entry.getKey();
            List<String> read = entry.getValue();
            int solved = 0;
            int edits = 0;
            for (int i = 0; i < count; i++) {
                String answer = answers.get(i);
                if (answer.equals(read.get(i))) {
                    solved++;
                    solvedByAny[i] = true;
                }
                edits += alignAndCount(answer, read.get(i), correct);
                for (char character : answer.toCharArray()) {
                    occurrences[CaptchaText.ALPHABET.indexOf(character)]++;
                }
            }
            double characterAccuracy = 1 - (double) edits / (count * CaptchaText.LENGTH);
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f %% | %.1f %% |%n",
                    attack.preparation(), attack.pageSegmentationMode(), solved,
                    100.0 * solved / count, 100.0 * characterAccuracy);
        }

        int anySolved = 0;
        for (boolean solved : solvedByAny) {
            anySolved += solved ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%nSolved by at least one attack: %d of %d (%.1f %%)%n",
                anySolved, count, 100.0 * anySolved / count);

        System.out.println();
        System.out.println("Share of each character read correctly, over all attacks:");
        System.out.println();
        System.out.println("| character | read correctly |");
        System.out.println("|---|---|");
        for (int k = 0; k < occurrences.length; k++) {
            double share = occurrences[k] == 0 ? 0 : 100.0 * correct[k] / occurrences[k];
            System.out.printf(Locale.ROOT, "| %s | %.1f %% |%n", CaptchaText.ALPHABET.charAt(k),
                    share);
        }
    }

    /**
     * Aligns the reading with the answer by Levenshtein distance and returns the distance. Adds
     * 1 to {@code correct[k]} for each answer character, at index k of the alphabet, that the
     * alignment pairs with the same character of the reading.
     */
    static int alignAndCount(String answer, String reading, int[] correct) {
        int rows = answer.length();
        int columns = reading.length();
        int[][] distance = new int[rows + 1][columns + 1];
        for (int i = 0; i <= rows; i++) {
            distance[i][0] = i;
        }
        for (int j = 0; j <= columns; j++) {
            distance[0][j] = j;
        }
        for (int i = 1; i <= rows; i++) {
            for (int j = 1; j <= columns; j++) {
                int substitution = answer.charAt(i - 1) == reading.charAt(j - 1) ? 0 : 1;
                distance[i][j] = Math.min(distance[i - 1][j - 1] + substitution,
                        Math.min(distance[i - 1][j] + 1, distance[i][j - 1] + 1));
            }
        }

        int i = rows;
        int j = columns;
        while (i > 0 && j > 0) {
            boolean same = answer.charAt(i - 1) == reading.charAt(j - 1);
            if (distance[i][j] == distance[i - 1][j - 1] + (same ? 0 : 1)) {
                if (same) {
                    correct[CaptchaText.ALPHABET.indexOf(answer.charAt(i - 1))]++;
                }
                i--;
                j--;
            } else if (distance[i][j] == distance[i - 1][j] + 1) {
                i--; // The reading lacks this answer character.
            } else {
                j--; // The reading has an extra character here.
            }
        }
        return distance[rows][columns];
    }

    private record Attack(String preparation, int pageSegmentationMode) {
    }
}
