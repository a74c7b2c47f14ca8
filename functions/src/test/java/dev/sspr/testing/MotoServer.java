package dev.sspr.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Starts moto_server (the AWS mock from the moto project) on a free loopback port before a test
 * class and stops it afterwards. Register it with
 * {@code @RegisterExtension static final MotoServer MOTO = new MotoServer();}.
 *
 * <p>When moto_server is not on PATH the test class is skipped with a message, or fails when the
 * environment variable {@code CI} is set, so that CI never passes without running these tests.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {
    public static final String EXECUTABLE = "moto_server";
    public static final Region REGION = Region.US_EAST_1;

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    /** Connects straight to the loopback server, whatever proxy the environment names. */
    private static final ProxyConfiguration DIRECT = ProxyConfiguration.builder()
            .useSystemPropertyValues(false)
            .useEnvironmentVariablesValues(false)
            .build();

    private Process process;
    private int port;
    private Path logFile;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path executable;
        try {
            executable = requireExecutable(System.getenv("PATH"), System.getenv("CI"));
        } catch (TestAbortedException e) {
            // Maven's summary shows only a count of skipped tests, so print the reason as well.
            System.err.println("SKIPPED " + context.getDisplayName() + ": " + e.getMessage());
            throw e;
        }
        for (int attempt = 1; process == null; attempt++) {
            int candidate = freeLoopbackPort();
            Process started = start(executable, candidate);
            if (awaitReady(started, candidate)) {
                process = started;
                port = candidate;
            } else if (attempt == START_ATTEMPTS) {
                throw new IllegalStateException(EXECUTABLE + " did not start on " + LOOPBACK + ":" + candidate
                        + " within " + START_TIMEOUT.toSeconds() + " s; its output is in " + logFile);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroy);
        process = null;
    }

    /** Returns the server's address, such as {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        if (process == null) {
            throw new IllegalStateException(EXECUTABLE + " is not running; register MotoServer with @RegisterExtension");
        }
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    /** Builds a DynamoDB client for this server, with dummy credentials and any interceptors given. */
    public DynamoDbClient dynamoDbClient(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(REGION)
                .credentialsProvider(dummyCredentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder().proxyConfiguration(DIRECT))
                .overrideConfiguration(config -> {
                    config.apiCallTimeout(Duration.ofSeconds(20));
                    for (ExecutionInterceptor interceptor : interceptors) {
                        config.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }

    /** Returns credentials that moto accepts and AWS does not, so a test can never reach AWS. */
    public static StaticCredentialsProvider dummyCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }

    /**
     * Finds moto_server on {@code path}. When it is missing, fails the caller if {@code ci} is set
     * and skips it otherwise, with a message that explains how to install it.
     */
    static Path requireExecutable(String path, String ci) {
        Optional<Path> executable = findOnPath(path);
        if (executable.isPresent()) {
            return executable.get();
        }
        String message = EXECUTABLE + " is not on PATH, so the tests against the AWS mock cannot run."
                + " Install moto 5 with its server (pip install 'moto[server]') and put moto_server on PATH.";
        if (ci != null && !ci.isBlank()) {
            return Assertions.fail(message + " CI is set, so this fails instead of skipping.");
        }
        return Assumptions.abort(message);
    }

    private static Optional<Path> findOnPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, EXECUTABLE);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private Process start(Path executable, int candidate) throws IOException {
        Path directory = Files.isDirectory(Path.of("target")) ? Path.of("target") : Path.of(System.getProperty("java.io.tmpdir"));
        logFile = directory.resolve(EXECUTABLE + "-" + candidate + ".log").toAbsolutePath();
        return new ProcessBuilder(executable.toString(), "-H", LOOPBACK, "-p", Integer.toString(candidate))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
    }

    /**
     * Waits until moto responds on its own API path, which another program on the port would not;
     * returns false when the process exits or the time runs out.
     */
    private static boolean awaitReady(Process started, int candidate) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofMillis(500))
                .build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + candidate + "/moto-api/data.json"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                return false;
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return started.isAlive();
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        started.destroyForcibly();
        return false;
    }
}
