package dev.sspr.core;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a username and password against the built-in directory, so a person can confirm that the
 * new password works. Unknown users cost one bcrypt check too, so timing does not tell them apart.
 */
public final class SignIn {
    private static final int MAX_PASSWORD_UTF16_UNITS = 4096;

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
