package dev.sspr.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sspr.adapter.memory.InMemoryAuditLog;
import dev.sspr.adapter.memory.InMemorySessionStore;
import dev.sspr.adapter.memory.InMemoryUserDirectory;
import dev.sspr.adapter.memory.LocalPasswordMac;
import dev.sspr.core.ErrorCode;
import dev.sspr.core.KeyedDigests;
import dev.sspr.core.ResetCore;
import dev.sspr.core.ResetSettings;
import dev.sspr.core.SupportContact;
import dev.sspr.core.captcha.ImageCaptchaProvider;
import dev.sspr.core.password.BannedWords;
import dev.sspr.core.password.PasswordHasher;
import dev.sspr.core.password.PasswordHistory;
import dev.sspr.core.password.PasswordPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the whole product on one machine: the static site, the {@code /v1} API executed through
 * the real state machine definition, and the development endpoints. Data lives in memory.
 */
public final class LocalRunner implements AutoCloseable {
    /** bcrypt cost of the demo passwords; the same as production. */
    private static final int BCRYPT_COST = 12;
    private static final int WORKER_THREADS = 16;
    private static final String ORGANISATION_NAME = "Example Agency";
    /** The product's name as people see it, which passwords must not contain. */
    private static final String PRODUCT_NAME = "Password Reset";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Outbox outbox;
    private final DevClock clock;

    private LocalRunner(HttpServer server, ExecutorService executor, Outbox outbox, DevClock clock) {
        this.server = server;
        this.executor = executor;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Builds the product and starts serving; returns once the port is listening. */
    public static LocalRunner start(LocalOptions options) throws IOException {
        if (options.dynamoDbEndpoint() != null) {
            // NOTE: the DynamoDB adapters are not built yet, so the option fails fast for now.
            throw new IllegalArgumentException("--dynamodb-endpoint is not supported by this build yet;"
                    + " run without it to keep data in memory");
        }
        DevClock clock = new DevClock(Clock.systemUTC());
        Outbox outbox = new Outbox(clock);
        RecordingCaptchaProvider captchas = new RecordingCaptchaProvider(new ImageCaptchaProvider());
        PasswordHasher hasher = new PasswordHasher(BCRYPT_COST);
        LocalPasswordMac passwordMac = LocalPasswordMac.withRandomKey();
        InMemoryUserDirectory users = new InMemoryUserDirectory();
        DemoDirectory.seed(users, hasher, new PasswordHistory(passwordMac), clock);
        BannedWords bannedWords = BannedWords.ofNames(List.of(ORGANISATION_NAME, PRODUCT_NAME))
                .plus(BannedWords.fromEnvironment(System.getenv()));

        byte[] digestKey = new byte[32];
        new SecureRandom().nextBytes(digestKey);
        SupportContact support = new SupportContact(
                "Contact the IT Service Desk at +1 205 555 0100 or servicedesk@example.gov.",
                "+1 205 555 0100", "servicedesk@example.gov", null);
        ResetCore core = ResetCore.builder()
                .sessions(new InMemorySessionStore())
                .users(users)
                .sms(outbox)
                .voice(outbox)
                .audit(new InMemoryAuditLog(10_000))
                .captchas(captchas)
                .clock(clock)
                .settings(ResetSettings.defaults(DemoDirectory.EMAIL_DOMAIN, support)
                        .withOrganisationName(ORGANISATION_NAME))
                .digests(new KeyedDigests(digestKey))
                .passwordPolicy(PasswordPolicy.standard().withBannedWords(bannedWords))
                .passwordHasher(hasher)
                .passwordMac(passwordMac)
                .build();

        ApiRoutes api = new ApiRoutes(new StateMachineGateway(core));
        DevRoutes dev = new DevRoutes(outbox, clock, captchas, options);
        StaticSite site = new StaticSite();

        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        server.createContext("/", exchange -> dispatch(exchange, api, dev, site));
        ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS);
        server.setExecutor(executor);
        server.start();
        return new LocalRunner(server, executor, outbox, clock);
    }

    private static void dispatch(HttpExchange exchange, ApiRoutes api, DevRoutes dev, StaticSite site)
            throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (path.startsWith("/v1/")) {
                api.handle(exchange);
            } else if (path.startsWith("/dev/")) {
                dev.handle(exchange);
            } else {
                site.handle(exchange);
            }
        } catch (RuntimeException e) {
            System.out.println("{\"level\":\"ERROR\",\"event\":\"request_failed\",\"exception\":\""
                    + e.getClass().getName() + "\"}");
            HttpExchanges.sendError(exchange, ErrorCode.INTERNAL_ERROR);
        }
    }

    /** Returns the address the runner serves, such as {@code http://localhost:8080/}. */
    public URI baseUri() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/");
    }

    public Outbox outbox() {
        return outbox;
    }

    public DevClock clock() {
        return clock;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(LocalOptions.USAGE);
            return;
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LocalOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            LocalRunner runner = start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
            System.out.println("SSPR local runner ready at " + runner.baseUri());
            System.out.println("Outbox for SMS and voice messages: " + runner.baseUri() + "dev/outbox.html");
        } catch (IOException e) {
            System.err.println("Failed to start on port " + options.port() + ": " + e.getMessage()
                    + ". Is another program using it? Try --port with another number.");
            System.exit(1);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
