package dev.sspr.adapter.messaging;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A moto_server process that the test starts on a free loopback port and stops again. moto
 * records SNS SMS publishes at {@code GET /moto-api/data.json} (number and text only), and its
 * request recorder keeps the raw requests, which carry the message attributes.
 */
final class MotoServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** The reason given when moto_server is missing and the tests are skipped. */
    static final String MISSING = "moto_server is not on PATH, so the SNS tests cannot run. Install moto "
            + "with its server extra (pip install 'moto[server]') to run them.";

    /**
     * Starts moto_server from PATH, or returns empty when it is missing. When it is missing and the
     * environment variable CI is set, the calling test fails instead, so CI never skips silently.
     */
    static Optional<MotoServer> startIfInstalled(Path workDirectory) throws IOException, InterruptedException {
        Optional<Path> executable = findOnPath("moto_server");
        if (executable.isEmpty()) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank()) {
                fail(MISSING + " CI is set, so this is a failure.");
            }
            System.err.println("SKIPPED: " + MISSING);
            return Optional.empty();
        }

        int port = freeLoopbackPort();
        Path log = workDirectory.resolve("moto_server.log");
        ProcessBuilder builder = new ProcessBuilder(executable.get().toString(), "-H", "127.0.0.1", "-p",
                String.valueOf(port));
        builder.environment().put("MOTO_RECORDER_FILEPATH", workDirectory.resolve("moto_recording").toString());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        MotoServer server = new MotoServer(builder.start(), URI.create("http://127.0.0.1:" + port), log);
        server.awaitReady();
        return Optional.of(server);
    }

    URI endpoint() {
        return endpoint;
    }

    /** Returns moto's recorded SMS publishes, oldest first, from {@code sns.SMS} of data.json. */
    List<JsonNode> publishedSms() throws IOException, InterruptedException {
        JsonNode data = JSON.readTree(get("/moto-api/data.json"));
        List<JsonNode> sms = new ArrayList<>();
        data.path("sns").path("SMS").forEach(sms::add);
        return sms;
    }

    /** Empties the request recorder and starts it. */
    void startRecording() throws IOException, InterruptedException {
        post("/moto-api/recorder/reset-recording");
        post("/moto-api/recorder/start-recording");
    }

    /** Stops the recorder and returns the decoded bodies of the requests it recorded. */
    List<String> stopRecordingAndReadBodies() throws IOException, InterruptedException {
        post("/moto-api/recorder/stop-recording");
        List<String> bodies = new ArrayList<>();
        for (String line : get("/moto-api/recorder/download-recording").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request = JSON.readTree(line);
            String body = request.path("body").asText("");
            if (request.path("body_encoded").asBoolean(false)) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            bodies.add(body);
        }
        return bodies;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("moto_server exited with status " + process.exitValue() + " before it was ready:\n"
                        + Files.readString(log));
            }
            try {
                get("/moto-api/data.json");
                return;
            } catch (IOException notReadyYet) {
                Thread.sleep(100);
            }
        }
        close();
        fail("moto_server did not answer on " + endpoint + " within " + START_TIMEOUT.toSeconds() + " s:\n"
                + Files.readString(log));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build();
        return send(request);
    }

    private void post(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        send(request);
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(request.uri() + " returned HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
