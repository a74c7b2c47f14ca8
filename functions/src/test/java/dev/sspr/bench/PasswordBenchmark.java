package dev.sspr.bench;

import dev.sspr.adapter.memory.InMemoryAuditLog;
import dev.sspr.adapter.memory.InMemoryDeviceRegistry;
import dev.sspr.adapter.memory.InMemoryLimitStore;
import dev.sspr.adapter.memory.InMemoryPushChallengeStore;
import dev.sspr.adapter.memory.InMemorySessionStore;
import dev.sspr.adapter.memory.InMemoryUserDirectory;
import dev.sspr.adapter.memory.LocalPasswordMac;
import dev.sspr.core.ApiResponse;
import dev.sspr.core.KeyedDigests;
import dev.sspr.core.PasswordStep;
import dev.sspr.core.RequestContext;
import dev.sspr.core.ResetCore;
import dev.sspr.core.ResetSession;
import dev.sspr.core.ResetSettings;
import dev.sspr.core.Secret;
import dev.sspr.core.Stage;
import dev.sspr.core.SupportContact;
import dev.sspr.core.UserAccount;
import dev.sspr.core.password.CommonPasswords;
import dev.sspr.core.password.PasswordHasher;
import dev.sspr.core.password.PasswordHistory;
import dev.sspr.core.password.PasswordHistoryEntry;
import dev.sspr.core.password.PasswordPolicy;
import dev.sspr.core.port.CaptchaProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures setting a password at history depths 0, 12 and 24, with the keyed-MAC history that
 * PasswordStep uses and with the naive design that verifies one bcrypt hash per history entry.
 * Both include the policy check, one bcrypt cost-12 hash and the in-memory store. Run it with
 * scripts/bench-password.sh; it is not a unit test, so the build never times anything.
 *
 * <p>Arguments: the measured runs per depth for the MAC design and for the naive design
 * (defaults 30 and 10). Each design also does 3 unmeasured warm-up runs per depth.
 */
public final class PasswordBenchmark {
    private static final int COST = 12;
    private static final int WARM_UP_RUNS = 3;
    private static final int[] DEPTHS = {0, 12, 24};
    private static final String USERNAME = "cs0101";
    private static final String NEW_PASSWORD = "Quiet-Harbour-Lamp-4821!";
    private static final RequestContext CONTEXT = new RequestContext("bench", "127.0.0.1", "bench");

    private final PasswordHasher hasher = new PasswordHasher(COST);
    private final LocalPasswordMac passwordMac = LocalPasswordMac.withRandomKey();
    private final PasswordHistory history = new PasswordHistory(passwordMac);
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final SecureRandom random = new SecureRandom();
    private final ResetCore core;
    private final PasswordPolicy policy;

    private PasswordBenchmark() {
        long start = System.nanoTime();
        CommonPasswords.zxcvbn();
        long loadMicros = (System.nanoTime() - start) / 1000;
        System.out.printf("zxcvbn common-password list: %d entries, loaded in %d ms%n",
                CommonPasswords.zxcvbn().size(), loadMicros / 1000);

        policy = PasswordPolicy.standard();
        SupportContact support = new SupportContact("Contact the service desk.", null, null, null);
        CaptchaProvider captchas = resetId -> new CaptchaProvider.Captcha(Secret.of("ABCDEF"), new byte[] {1});
        byte[] digestKey = new byte[32];
        random.nextBytes(digestKey);
        core = ResetCore.builder()
                .sessions(sessions)
                .users(users)
                .sms((to, text) -> { })
                .voice((to, script) -> { })
                .audit(new InMemoryAuditLog(100))
                .captchas(captchas)
                .clock(Clock.systemUTC())
                .settings(ResetSettings.defaults("example.gov", support))
                .digests(new KeyedDigests(digestKey))
                .passwordPolicy(policy)
                .passwordHasher(hasher)
                .passwordMac(passwordMac)
                .limits(new InMemoryLimitStore())
                .pushChallenges(new InMemoryPushChallengeStore())
                .devices(new InMemoryDeviceRegistry())
                .pushNotifier(device -> { })
                .build();
    }

    public static void main(String[] args) {
        int macRuns = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int naiveRuns = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        PasswordBenchmark benchmark = new PasswordBenchmark();
        System.out.printf("JDK %s (%s), %d processors, bcrypt cost %d, load average at the start: %s%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), COST, loadAverage());
        benchmark.measurePolicyCheck();
        System.out.println();
        System.out.println("| design | history depth | runs | median ms | p95 ms |");
        System.out.println("|---|---|---|---|---|");
        for (int depth : DEPTHS) {
            List<PasswordHistoryEntry> entries = benchmark.macEntries(depth);
            benchmark.report("keyed MAC (PasswordStep)", depth, macRuns, () -> benchmark.setWithMacHistory(entries));
        }
        for (int depth : DEPTHS) {
            List<String> hashes = benchmark.bcryptHashes(depth);
            benchmark.report("naive bcrypt history", depth, naiveRuns, () -> benchmark.setWithBcryptHistory(hashes));
        }
        System.out.println();
        System.out.println("Load average (1, 5, 15 min) at the end: " + loadAverage());
    }

    /** Returns the first three fields of /proc/loadavg, or "unknown" where it does not exist. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void report(String design, int depth, int runs, LongSupplier run) {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            run.getAsLong();
        }
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            samples.add(run.getAsLong());
        }
        Collections.sort(samples);
        System.out.printf("| %s | %d | %d | %.0f | %.0f |%n", design, depth, runs,
                percentile(samples, 50) / 1e6, percentile(samples, 95) / 1e6);
    }

    /** Returns the nearest-rank percentile of sorted samples. */
    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private void measurePolicyCheck() {
        Secret password = Secret.of(NEW_PASSWORD);
        List<String> names = List.of(USERNAME, USERNAME);
        int runs = 100_000;
        for (int i = 0; i < runs; i++) {
            policy.check(password, names);
        }
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            policy.check(password, names);
            samples.add(System.nanoTime() - start);
        }
        Collections.sort(samples);
        System.out.printf("Policy check with the common list and context words: median %.1f us, p95 %.1f us"
                + " over %d runs%n", percentile(samples, 50) / 1e3, percentile(samples, 95) / 1e3, runs);
    }

    private List<PasswordHistoryEntry> macEntries(int depth) {
        List<PasswordHistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            entries.add(history.candidate(USERNAME, Secret.of("Old-Password-" + i)).entry());
        }
        return entries;
    }

    private List<String> bcryptHashes(int depth) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            hashes.add(hasher.hash(Secret.of("Old-Password-" + i)));
        }
        return hashes;
    }

    /**
     * Times PasswordStep.setPassword on a fresh verified reset of an account with the given history.
     * At depth 0 the step falls back to the current hash, which here is not a bcrypt hash, so that
     * case costs no verification.
     */
    private long setWithMacHistory(List<PasswordHistoryEntry> entries) {
        users.put(account("not a bcrypt hash", entries));
        String resetId = verifiedReset();
        Map<String, Object> body = Map.of("newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD);

        long start = System.nanoTime();
        ApiResponse reply = new PasswordStep(core).setPassword(resetId, body, CONTEXT);
        long elapsed = System.nanoTime() - start;
        if (reply.status() != 200) {
            throw new IllegalStateException("set-password failed in the benchmark: " + reply);
        }
        return elapsed;
    }

    /**
     * Times the naive design: the policy check, one bcrypt verification per stored cost-12 hash,
     * then the new hash and the store.
     */
    private long setWithBcryptHistory(List<String> hashes) {
        UserAccount account = account("not a bcrypt hash", List.of());
        users.put(account);
        Secret password = Secret.of(NEW_PASSWORD);

        long start = System.nanoTime();
        if (!policy.check(password, List.of(USERNAME)).isEmpty()) {
            throw new IllegalStateException("the benchmark password breaks the policy");
        }
        boolean reused = false;
        for (String hash : hashes) {
            reused |= hasher.verify(password, hash);
        }
        if (reused) {
            throw new IllegalStateException("the benchmark password is in the history");
        }
        String newHash = hasher.hash(password);
        users.changePassword(USERNAME, newHash, Instant.now(), List.of(), account.version());
        return System.nanoTime() - start;
    }

    private UserAccount account(String hash, List<PasswordHistoryEntry> entries) {
        Instant changedAt = Instant.now().minus(Duration.ofDays(30));
        return new UserAccount(USERNAME, USERNAME + "@example.gov", "+12055550133", null, null, hash, changedAt,
                entries, true, -1, 1);
    }

    /** Creates a reset that already passed both verifications, straight in the session store. */
    private String verifiedReset() {
        byte[] id = new byte[18];
        random.nextBytes(id);
        String resetId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Instant now = Instant.now();
        ResetSession session = new ResetSession(resetId, now, now.plus(Duration.ofMinutes(15)), "127.0.0.1");
        session.setIdentity(USERNAME, true, List.of());
        session.setStage(Stage.NEW_PASSWORD);
        sessions.create(session);
        return resetId;
    }
}
