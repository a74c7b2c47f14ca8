package dev.sspr.adapter.kms;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Starts moto_server (moto's AWS mock, which implements KMS GenerateMac) on a free loopback port
 * before a test class and stops it afterwards. Without moto_server on PATH the class is skipped
 * with a message, or fails when the environment variable {@code CI} is set.
 */
final class MotoKmsServer implements BeforeAllCallback, AfterAllCallback {
    private static final String EXECUTABLE = "moto_server";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private Process process;
    private int port;
    private Path log;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path executable = findExecutable();
        port = freeLoopbackPort();
        log = Files.createTempFile("moto-kms-", ".log");
        process = new ProcessBuilder(executable.toString(), "-H", LOOPBACK, "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitListening();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    /** Builds a KMS client for this server only: loopback endpoint, no proxy, dummy credentials. */
    KmsClient client() {
        ProxyConfiguration direct = ProxyConfiguration.builder()
                .useSystemPropertyValues(false)
                .useEnvironmentVariablesValues(false)
                .build();
        return KmsClient.builder()
                .endpointOverride(URI.create("http://" + LOOPBACK + ":" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder().proxyConfiguration(direct))
                .build();
    }

    private static Path findExecutable() {
        Optional<Path> found = Optional.empty();
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, EXECUTABLE);
            if (Files.isExecutable(candidate)) {
                found = Optional.of(candidate);
                break;
            }
        }
        if (found.isEmpty() && System.getenv("CI") != null) {
            Assertions.fail(EXECUTABLE + " is not on PATH, and CI is set: the KMS adapter test must run in CI."
                    + " Install moto with its server extra (pip install 'moto[server]').");
        }
        Assumptions.assumeTrue(found.isPresent(), EXECUTABLE + " is not on PATH: skipping the KMS adapter test."
                + " Install moto with its server extra (pip install 'moto[server]') to run it.");
        return found.get();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                Assertions.fail(EXECUTABLE + " exited with code " + process.exitValue() + " before listening on port "
                        + port + ". Its output:\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        Assertions.fail(EXECUTABLE + " did not listen on port " + port + " within " + START_TIMEOUT.toSeconds()
                + " s. Its output:\n" + Files.readString(log));
    }
}
