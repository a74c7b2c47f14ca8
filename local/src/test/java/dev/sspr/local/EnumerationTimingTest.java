package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.local.ApiClient.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures whether response times tell real usernames from unknown ones. Over 200 identify and
 * challenge pairs per class, the median times must differ by less than 10 ms. The figures go to
 * standard output and to local/target/enumeration-timing.txt.
 */
class EnumerationTimingTest {
    private static final int PAIRS = 200;
    private static final int WARM_UP = 30;
    private static final double MAX_MEDIAN_DIFFERENCE_MS = 10.0;
    private static final List<String> CLASSES = List.of("cs0101", "cs0102", "unknown");

    @Test
    void identifyAndChallenge_takeTheSameTimeForEveryClass() throws Exception {
        try (LocalRunner runner = LocalRunner.start(new LocalOptions(0, true, false, null),
                limits -> limits.withMaxResetsPerAddress(100_000).withPerUserCounts(100_000, 100_000))) {
            ApiClient api = new ApiClient(runner.baseUri());
            Map<String, List<Double>> identify = new LinkedHashMap<>();
            Map<String, List<Double>> challenge = new LinkedHashMap<>();
            CLASSES.forEach(name -> {
                identify.put(name, new ArrayList<>());
                challenge.put(name, new ArrayList<>());
            });

            List<String> unknownNames = unknownNamesWithSms(api, WARM_UP + PAIRS);
            for (int round = 0; round < WARM_UP + PAIRS; round++) {
                for (String name : CLASSES) {
                    String username = name.equals("unknown") ? unknownNames.get(round) : name;
                    measurePair(api, username, round >= WARM_UP ? identify.get(name) : null,
                            round >= WARM_UP ? challenge.get(name) : null);
                }
            }

            String report = report(identify, challenge);
            System.out.println(report);
            Files.writeString(Path.of("target", "enumeration-timing.txt"), report);
            assertMediansClose("identify", identify);
            assertMediansClose("challenge", challenge);
        }
    }

    /**
     * Returns unknown usernames whose decoy methods include SMS, as a real phone user's do. Some
     * decoys show app methods only, and those could not take the SMS challenge measured here.
     */
    private static List<String> unknownNamesWithSms(ApiClient api, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; names.size() < count && i < count * 10; i++) {
            String resetId = api.post("v1/resets", "{}").text("resetId");
            String answer = api.get("dev/captcha/" + resetId).text("answer");
            Reply identified = api.post("v1/resets/" + resetId + "/identify",
                    Map.of("username", "nobody" + i, "captcha", answer));
            if (identified.body().path("methods").toString().contains("\"sms\"")) {
                names.add("nobody" + i);
            }
        }
        assertEquals(count, names.size(), "unknown usernames with SMS in their decoy");
        return names;
    }

    /** Times one identify and one challenge with a phone number that matches no one. */
    private static void measurePair(ApiClient api, String username, List<Double> identifyTimes,
            List<Double> challengeTimes) {
        String resetId = api.post("v1/resets", "{}").text("resetId");
        String answer = api.get("dev/captcha/" + resetId).text("answer");

        long start = System.nanoTime();
        Reply identified = api.post("v1/resets/" + resetId + "/identify", Map.of("username", username, "captcha", answer));
        long identifyNanos = System.nanoTime() - start;
        assertEquals(200, identified.status(), identified.toString());

        start = System.nanoTime();
        Reply challenged = api.post("v1/resets/" + resetId + "/challenge",
                Map.of("method", "sms", "phoneNumber", "+1 205 555 0199"));
        long challengeNanos = System.nanoTime() - start;
        assertEquals("phone_mismatch", challenged.text("error"), challenged.toString());

        if (identifyTimes != null) {
            identifyTimes.add(identifyNanos / 1e6);
            challengeTimes.add(challengeNanos / 1e6);
        }
    }

    private static void assertMediansClose(String step, Map<String, List<Double>> times) {
        double min = times.values().stream().mapToDouble(EnumerationTimingTest::median).min().orElseThrow();
        double max = times.values().stream().mapToDouble(EnumerationTimingTest::median).max().orElseThrow();
        assertTrue(max - min < MAX_MEDIAN_DIFFERENCE_MS, String.format(Locale.ROOT,
                "%s medians differ by %.2f ms, the limit is %.0f ms", step, max - min, MAX_MEDIAN_DIFFERENCE_MS));
    }

    private static String report(Map<String, List<Double>> identify, Map<String, List<Double>> challenge)
            throws IOException {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Enumeration timing over %d identify and challenge pairs per class (milliseconds)%n", PAIRS));
        text.append(String.format(Locale.ROOT, "%-10s %-9s %8s %8s%n", "step", "class", "median", "p90"));
        for (String name : CLASSES) {
            text.append(line("identify", name, identify.get(name)));
        }
        for (String name : CLASSES) {
            text.append(line("challenge", name, challenge.get(name)));
        }
        return text.toString();
    }

    private static String line(String step, String name, List<Double> times) {
        return String.format(Locale.ROOT, "%-10s %-9s %8.2f %8.2f%n", step, name, median(times), percentile(times, 0.9));
    }

    private static double median(List<Double> times) {
        return percentile(times, 0.5);
    }

    private static double percentile(List<Double> times, double fraction) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(fraction * sorted.size())));
    }
}
