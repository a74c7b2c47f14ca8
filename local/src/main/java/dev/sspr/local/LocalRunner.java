package dev.sspr.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sspr.adapter.dynamodb.TotpSecretSeal;
import dev.sspr.adapter.memory.LocalPasswordMac;
import dev.sspr.core.CaptchaSettings;
import dev.sspr.core.ErrorCode;
import dev.sspr.core.KeyedDigests;
import dev.sspr.core.ResetCore;
import dev.sspr.core.ResetSettings;
import dev.sspr.core.SupportContact;
import dev.sspr.core.VerificationLimits;
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
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Runs the whole product on one machine: the static site, the {@code /v1} API executed through
 * the real state machine definition, and the development endpoints. All data lives in memory, or
 * in DynamoDB with {@code --dynamodb-endpoint}.
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
    private final DemoDevice demoDevice;
    private final LocalStorage storage;

    private LocalRunner(HttpServer server, ExecutorService executor, Outbox outbox, DevClock clock,
            DemoDevice demoDevice, LocalStorage storage) {
        this.server = server;
        this.executor = executor;
        this.outbox = outbox;
        this.clock = clock;
        this.demoDevice = demoDevice;
        this.storage = storage;
    }

    /**
     * Builds the product and starts serving; returns once the port is listening.
     *
     * @throws IllegalArgumentException when the DynamoDB endpoint is not a valid URL
     * @throws IllegalStateException when the DynamoDB endpoint cannot be reached or prepared
     */
    public static LocalRunner start(LocalOptions options) throws IOException {
        return start(options, UnaryOperator.identity());
    }

    /** Starts the runner with the default limits changed, for tests that measure many requests. */
    static LocalRunner start(LocalOptions options, UnaryOperator<VerificationLimits> limitsChange)
            throws IOException {
        DevClock clock = new DevClock(Clock.systemUTC());
        Outbox outbox = new Outbox(clock);
        RecordingCaptchaProvider captchas = new RecordingCaptchaProvider(new ImageCaptchaProvider());
        PasswordHasher hasher = new PasswordHasher(BCRYPT_COST);
        LocalPasswordMac passwordMac = new LocalPasswordMac("local-runner", localKey("password history"));
        PasswordHistory history = new PasswordHistory(passwordMac);
        DemoDevice demoDevice = new DemoDevice();
        LocalStorage storage = options.dynamoDbEndpoint() == null
                ? LocalStorage.inMemory(hasher, history, clock, demoDevice.enrolment())
                : LocalStorage.dynamoDb(options.dynamoDbEndpoint(), System.getenv(), hasher, history, clock,
                        demoDevice.enrolment(), TotpSecretSeal.derivedFrom(localKey("digests")));
        try {
            return serve(options, clock, outbox, captchas, hasher, passwordMac, demoDevice, storage, limitsChange);
        } catch (IOException | RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /** Builds the core on {@code storage} and starts the HTTP server. */
    private static LocalRunner serve(LocalOptions options, DevClock clock, Outbox outbox,
            RecordingCaptchaProvider captchas, PasswordHasher hasher, LocalPasswordMac passwordMac,
            DemoDevice demoDevice, LocalStorage storage, UnaryOperator<VerificationLimits> limitsChange)
            throws IOException {
        BannedWords bannedWords = BannedWords.ofNames(List.of(ORGANISATION_NAME, PRODUCT_NAME))
                .plus(BannedWords.fromEnvironment(System.getenv()));
        byte[] digestKey = localKey("digests");
        SupportContact support = new SupportContact(
                "Contact the IT Service Desk at +1 205 555 0100 or servicedesk@example.gov.",
                "+1 205 555 0100", "servicedesk@example.gov", null);
        ResetCore core = ResetCore.builder()
                .sessions(storage.sessions())
                .users(storage.users())
                .sms(outbox)
                .voice(outbox)
                .audit(storage.audit())
                .captchas(captchas)
                .clock(clock)
                .settings(ResetSettings.defaults(DemoDirectory.EMAIL_DOMAIN, support)
                        .withLimits(limitsChange.apply(VerificationLimits.defaults()))
                        .withOrganisationName(ORGANISATION_NAME)
                        .withCaptcha(options.wafCaptcha()
                                ? CaptchaSettings.waf(LocalWafCaptcha.SCRIPT_PATH, LocalWafCaptcha.API_KEY)
                                : CaptchaSettings.builtIn()))
                .digests(new KeyedDigests(digestKey))
                .passwordPolicy(PasswordPolicy.standard().withBannedWords(bannedWords))
                .passwordHasher(hasher)
                .limits(storage.limits())
                .pushChallenges(storage.pushChallenges())
                .devices(storage.devices())
                .pushNotifier(device -> {
                    // The companion page polls for pending requests, so there is nothing to wake.
                })
                .passwordMac(passwordMac)
                .build();

        LocalWafCaptcha waf = options.wafCaptcha() ? new LocalWafCaptcha(clock) : null;
        ApiRoutes api = new ApiRoutes(new StateMachineGateway(core), waf);
        DevRoutes dev = new DevRoutes(outbox, clock, captchas, demoDevice, options, waf);
        StaticSite site = new StaticSite(StaticSite.PRODUCT_ROOT);
        StaticSite devSite = new StaticSite(StaticSite.DEV_ROOT);

        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs,
        // which added about 40 ms to every response on loopback.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        server.createContext("/", exchange -> dispatch(exchange, api, dev, site, devSite, options.wafCaptcha()));
        ExecutorService executor = Executors.newFixedThreadPool(WORKER_THREADS);
        server.setExecutor(executor);
        server.start();
        return new LocalRunner(server, executor, outbox, clock, demoDevice, storage);
    }

    /**
     * Returns a key of the local runner, the same at every start so that decoy numbers and
     * password history stay valid across restarts, as they do in AWS where the keys are stored.
     * It is fixed in the source, so it is fit for the local runner only.
     */
    private static byte[] localKey(String purpose) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("sspr local runner " + purpose
                    + " key, not for production").getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /**
     * Tells whether the request names this machine in its Host header. A web page on another site
     * could otherwise point its own host name at 127.0.0.1 and read the outbox (DNS rebinding).
     */
    static boolean isLocalHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.replaceFirst(":[0-9]+$", "").toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]");
    }

    /**
     * Routes a request to the API, the development endpoints, the local-only pages or the static
     * site. The authenticator page sits at the top level next to the reset page, and its script
     * and styles sit under {@code /dev-site/}, as does the stand-in of WAF's CAPTCHA script.
     */
    private static void dispatch(HttpExchange exchange, ApiRoutes api, DevRoutes dev, StaticSite site,
            StaticSite devSite, boolean wafCaptcha) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (!isLocalHost(exchange.getRequestHeaders().getFirst("Host"))) {
                HttpExchanges.sendError(exchange, ErrorCode.NOT_FOUND);
                return;
            }
            if (path.startsWith("/v1/")) {
                api.handle(exchange);
            } else if (wafCaptcha && path.equals(LocalWafCaptcha.SCRIPT_PATH)) {
                devSite.handle(exchange, "/waf-jsapi.js");
            } else if (path.startsWith("/dev/")) {
                dev.handle(exchange);
            } else if (path.equals("/authenticator.html")) {
                devSite.handle(exchange, path);
            } else if (path.startsWith(StaticSite.DEV_ROOT + "/")) {
                devSite.handle(exchange, path.substring(StaticSite.DEV_ROOT.length()));
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

    DemoDevice demoDevice() {
        return demoDevice;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        storage.close();
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
            if (options.wafCaptcha()) {
                System.out.println("CAPTCHA: AWS WAF mode, played by a local stand-in of WAF's puzzle and tokens");
            }
            System.out.println("Authenticator app of cs0101, for push approval: " + runner.baseUri()
                    + "authenticator.html");
        } catch (IOException e) {
            System.err.println("Failed to start on port " + options.port() + ": " + e.getMessage()
                    + ". Is another program using it? Try --port with another number.");
            System.exit(1);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
