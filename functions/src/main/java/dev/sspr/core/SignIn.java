package dev.sspr.core;

import dev.sspr.core.port.LimitStore.Admission;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a username and password against the built-in directory, so a person can confirm that the
 * new password works. Unknown users cost one bcrypt check too, so timing does not tell them apart.
 * Attempts are limited per username and per source network, so the endpoint cannot be used to
 * guess passwords at speed. Unknown usernames are counted the same way.
 */
public final class SignIn {
    private static final int MAX_PASSWORD_UTF16_UNITS = 4096;
    /** Sign-in attempts one username gets in {@link #ATTEMPT_WINDOW}, right or wrong. */
    static final int MAX_ATTEMPTS_PER_USER = 10;
    /** Sign-in attempts one address (an IPv6 /64) gets in {@link #ATTEMPT_WINDOW}. */
    static final int MAX_ATTEMPTS_PER_ADDRESS = 30;
    static final Duration ATTEMPT_WINDOW = Duration.ofMinutes(15);

    private final ResetCore core;
    private final String dummyHash;

    public SignIn(ResetCore core) {
        this.core = core;
        this.dummyHash = core.passwordHasher.hash(Secret.of("dummy password for unknown users"));
    }

    /** Handles {@code POST /v1/signin}. */
    public ApiResponse signIn(Map<String, Object> body, RequestContext context) {
        Optional<String> unexpected = RequestFields.unknownField(body, Set.of("username", "password"));
        if (unexpected.isPresent()) {
            return RequestFields.unknown(unexpected.get());
        }
        Optional<String> username = RequestFields.string(body, "username", Usernames.MAX_LENGTH);
        if (username.isEmpty()) {
            return RequestFields.invalid("username");
        }
        Optional<String> password = RequestFields.string(body, "password", MAX_PASSWORD_UTF16_UNITS);
        if (password.isEmpty()) {
            return RequestFields.invalid("password");
        }

        String key = core.usernames.normalise(username.get());
        Instant now = core.clock.instant();
        Admission perAddress = core.limitStore.tryAcquire("signin-ip#" + SourceAddresses.limitKey(context.sourceIp()),
                MAX_ATTEMPTS_PER_ADDRESS, ATTEMPT_WINDOW, now);
        Admission perUser = perAddress.allowed()
                ? core.limitStore.tryAcquire("signin-user#" + key, MAX_ATTEMPTS_PER_USER, ATTEMPT_WINDOW, now)
                : perAddress;
        if (!perUser.allowed()) {
            core.audit.record(new AuditEvent(now, null, key, "signin", null, "rate_limited", context.sourceIp(),
                    context.userAgent()));
            // The window's end, not the oldest attempt's expiry, which would tell when the user
            // last signed in.
            return ApiResponse.error(ErrorCode.RATE_LIMITED,
                    Map.of("retryAfter", Flow.retryAfter(now.plus(ATTEMPT_WINDOW))));
        }

        Optional<UserAccount> account = Usernames.isPlausible(key)
                ? core.users.find(key).filter(UserAccount::enabled)
                : Optional.empty();
        String hash = account.map(UserAccount::passwordHash).orElse(dummyHash);
        boolean matches = core.passwordHasher.verify(Secret.of(password.get()), hash) && account.isPresent();

        core.audit.record(new AuditEvent(core.clock.instant(), null, key, "signin", null,
                matches ? "success" : "invalid_credentials", context.sourceIp(), context.userAgent()));
        if (!matches) {
            return ApiResponse.error(ErrorCode.INVALID_CREDENTIALS);
        }
        return ApiResponse.of(200, Map.of("authenticated", true));
    }
}
