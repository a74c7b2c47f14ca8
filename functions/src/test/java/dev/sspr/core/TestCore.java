package dev.sspr.core;

import dev.sspr.adapter.memory.InMemoryAuditLog;
import dev.sspr.adapter.memory.InMemoryDeviceRegistry;
import dev.sspr.adapter.memory.InMemoryLimitStore;
import dev.sspr.adapter.memory.InMemoryPushChallengeStore;
import dev.sspr.adapter.memory.InMemorySessionStore;
import dev.sspr.adapter.memory.InMemoryUserDirectory;
import dev.sspr.adapter.memory.LocalPasswordMac;
import dev.sspr.core.password.BannedWords;
import dev.sspr.core.password.PasswordHasher;
import dev.sspr.core.password.PasswordHistory;
import dev.sspr.core.password.PasswordHistoryEntry;
import dev.sspr.core.password.PasswordPolicy;
import dev.sspr.core.port.CaptchaProvider;
import dev.sspr.core.port.SmsSender;
import dev.sspr.core.port.UserDirectory;
import dev.sspr.core.port.VoiceCaller;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A core wired to in-memory adapters, a settable clock, a fixed CAPTCHA answer and a phone that
 * records every message, for fast unit tests of the flow.
 */
final class TestCore {
    static final String CAPTCHA_ANSWER = "K7M3PX";
    static final String PASSWORD = "Initial-Passw0rd-2026!";
    static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final String ORGANISATION_NAME = "Example Agency";
    static final RequestContext CONTEXT = new RequestContext("req-1", "127.0.0.1", "junit");

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    final InMemoryUserDirectory users = new InMemoryUserDirectory();
    final InMemoryAuditLog audit = new InMemoryAuditLog(1000);
    final InMemoryLimitStore limits = new InMemoryLimitStore();
    final InMemoryPushChallengeStore pushChallenges = new InMemoryPushChallengeStore();
    final InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
    final List<String> pushesNotified = new CopyOnWriteArrayList<>();
    final KeyPair deviceKeys = deviceKeyPair();
    final List<String[]> messages = new CopyOnWriteArrayList<>();
    final ResetCore core;
    final PasswordHasher hasher = PasswordHasher.forTestsWithCost(4);
    final LocalPasswordMac passwordMac = LocalPasswordMac.withRandomKey();
    final PasswordHistory history = new PasswordHistory(passwordMac);
    final InMemorySessionStore sessions = new InMemorySessionStore();

    TestCore(boolean requireDistinctAuthenticators) {
        this(requireDistinctAuthenticators, UnaryOperator.identity(), UnaryOperator.identity(),
                UnaryOperator.identity());
    }

    /** Builds the core with the directory wrapped, so a test can inject races and failures. */
    TestCore(boolean requireDistinctAuthenticators, UnaryOperator<UserDirectory> wrapDirectory) {
        this(requireDistinctAuthenticators, wrapDirectory, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** Builds the core with the default limits changed by {@code limitsChange}. */
    static TestCore withLimits(boolean requireDistinctAuthenticators, UnaryOperator<VerificationLimits> limitsChange) {
        return new TestCore(requireDistinctAuthenticators, UnaryOperator.identity(), limitsChange,
                UnaryOperator.identity());
    }

    /** Builds the core with the default settings changed by {@code settingsChange}, such as the CAPTCHA. */
    static TestCore withSettings(UnaryOperator<ResetSettings> settingsChange) {
        return new TestCore(true, UnaryOperator.identity(), UnaryOperator.identity(), settingsChange);
    }

    private TestCore(boolean requireDistinctAuthenticators, UnaryOperator<UserDirectory> wrapDirectory,
            UnaryOperator<VerificationLimits> limitsChange, UnaryOperator<ResetSettings> settingsChange) {
        SmsSender sms = (to, text) -> messages.add(new String[] {"sms", to, text.reveal()});
        VoiceCaller voice = (to, script) -> messages.add(new String[] {"voice", to, script.reveal()});
        CaptchaProvider captchas = resetId -> new CaptchaProvider.Captcha(Secret.of(CAPTCHA_ANSWER), new byte[] {1});
        SupportContact support = new SupportContact("Contact the service desk.", null, null, null);
        core = ResetCore.builder()
                .sessions(sessions)
                .users(wrapDirectory.apply(users))
                .sms(sms)
                .voice(voice)
                .audit(audit)
                .captchas(captchas)
                .clock(clock)
                .settings(settingsChange.apply(ResetSettings.defaults("example.gov", support)
                        .withRequireDistinctAuthenticators(requireDistinctAuthenticators)
                        .withLimits(limitsChange.apply(VerificationLimits.defaults()))
                        .withOrganisationName(ORGANISATION_NAME)))
                .digests(new KeyedDigests(new byte[32]))
                .passwordPolicy(PasswordPolicy.standard()
                        .withBannedWords(BannedWords.ofNames(List.of(ORGANISATION_NAME))))
                .passwordHasher(hasher)
                .limits(limits)
                .pushChallenges(pushChallenges)
                .devices(devices)
                .pushNotifier(device -> pushesNotified.add(device.deviceId()))
                .passwordMac(passwordMac)
                .build();
        String hash = hasher.hash(Secret.of(PASSWORD));
        Instant changed = clock.instant().minus(Duration.ofDays(30));
        users.put(new UserAccount("cs0101", "cs0101@example.gov", "+12055550133", Secret.of(TOTP_SECRET),
                "device-1", hash, changed, initialHistory("cs0101"), true, -1, 1));
        devices.put(new PushDevice("device-1", "cs0101",
                Base64.getEncoder().encodeToString(deviceKeys.getPublic().getEncoded())));
        users.put(new UserAccount("cs0102", "cs0102@example.gov", "+12055550142", null, null, hash, changed,
                initialHistory("cs0102"), true, -1, 1));
        users.put(new UserAccount("disabled1", "disabled1@example.gov", "+12055550150", null, null, hash, changed,
                initialHistory("disabled1"), false, -1, 1));
    }

    /** Returns a history with the initial password as its one entry, as the demo directory seeds it. */
    List<PasswordHistoryEntry> initialHistory(String username) {
        return List.of(history.candidate(username, Secret.of(PASSWORD)).entry());
    }

    /** Starts a reset and identifies {@code username}; returns the reset id. */
    String identified(String username) {
        String resetId = (String) new CaptchaStep(core).start(CONTEXT).body().get("resetId");
        ApiResponse reply = new IdentifyStep(core).identify(resetId,
                Map.of("username", username, "captcha", CAPTCHA_ANSWER), CONTEXT);
        if (reply.status() != 200) {
            throw new AssertionError("identify failed: " + reply);
        }
        return resetId;
    }

    private static KeyPair deviceKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String lastCode() {
        String[] last = messages.get(messages.size() - 1);
        Matcher matcher = Pattern.compile("\\d{6}").matcher(last[2].replace(", ", ""));
        if (!matcher.find()) {
            throw new AssertionError("no code in " + last[0]);
        }
        return matcher.group();
    }

    /** A clock that tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
