package dev.sspr.core;

import dev.sspr.core.phone.PhoneNumbers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Helpers that every step shares: loading the session, timestamps, audit events, method lists. */
final class Flow {
    /** 18 random bytes in unpadded base64url: 144 bits. */
    static final int RESET_ID_BYTES = 18;
    private static final Pattern RESET_ID = Pattern.compile("[A-Za-z0-9_-]{24}");

    private Flow() {
    }

    static String newResetId(ResetCore core) {
        byte[] bytes = new byte[RESET_ID_BYTES];
        core.random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Loads a session that exists, is not cancelled and has not expired by the core's clock. */
    static Optional<ResetSession> load(ResetCore core, String resetId) {
        if (resetId == null || !RESET_ID.matcher(resetId).matches()) {
            return Optional.empty();
        }
        return core.sessions.find(resetId)
                .filter(session -> session.stage() != Stage.CANCELLED)
                .filter(session -> !session.isExpired(core.clock.instant()));
    }

    static ApiResponse notFound() {
        return ApiResponse.error(ErrorCode.RESET_NOT_FOUND);
    }

    static ApiResponse stepNotAllowed(ResetSession session) {
        return ApiResponse.error(ErrorCode.STEP_NOT_ALLOWED, Map.of("stage", session.stage().name()));
    }

    static Instant now(ResetCore core) {
        return core.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Formats a time to wait for, rounded up to the second so that retrying then succeeds. */
    static String retryAfter(Instant instant) {
        Instant whole = instant.truncatedTo(ChronoUnit.SECONDS);
        return (whole.equals(instant) ? whole : whole.plusSeconds(1)).toString();
    }

    static void audit(ResetCore core, RequestContext context, ResetSession session, String step,
            MethodType method, String outcome) {
        core.audit.record(new AuditEvent(core.clock.instant(), session == null ? null : ResetIds.reference(session.id()),
                session == null ? null : session.username(), step, method == null ? null : method.wireName(),
                outcome, context.sourceIp(), context.userAgent()));
    }

    /** Builds the method list a page shows, with the masked number on the phone methods. */
    static List<Map<String, Object>> methodsJson(List<MethodType> methods, String maskedPhone) {
        return methods.stream().map(method -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", method.wireName());
            if (method.usesPhone()) {
                json.put("maskedPhone", maskedPhone);
            }
            return json;
        }).toList();
    }

    static List<String> wireNames(List<MethodType> methods) {
        return methods.stream().map(MethodType::wireName).toList();
    }

    /** Returns the masked number to show: the real one's last two digits, or a stable decoy. */
    static String maskedPhone(ResetCore core, ResetSession session, Optional<UserAccount> account) {
        if (account.isPresent() && account.get().phoneE164() != null) {
            return PhoneNumbers.mask(account.get().phoneE164());
        }
        byte[] bytes = core.digests.decoyBytes(session.username());
        int lastTwo = Math.floorMod((bytes[0] << 8) | (bytes[1] & 0xff), 100);
        return "*****" + String.format("%02d", lastTwo);
    }

    /** Attempts of a step whose session write loses to parallel requests before it returns 409. */
    static final int MAX_SESSION_ATTEMPTS = 5;

    /**
     * Runs {@code step} on the stored session, and again on a fresh copy each time a parallel
     * request wins the session write first, up to {@link #MAX_SESSION_ATTEMPTS} times. Then it
     * returns 409 {@code conflict}.
     */
    static ApiResponse onFreshSession(ResetCore core, String resetId, Function<ResetSession, ApiResponse> step) {
        for (int attempt = 1; attempt <= MAX_SESSION_ATTEMPTS; attempt++) {
            Optional<ResetSession> found = load(core, resetId);
            if (found.isEmpty()) {
                return notFound();
            }
            try {
                return step.apply(found.get());
            } catch (ConcurrentUpdateException e) {
                // Another request changed the session first, so decide again on its new state.
            }
        }
        return ApiResponse.error(ErrorCode.CONFLICT);
    }

    /** Finds the session's account, if the username was a real, enabled one at identify. */
    static Optional<UserAccount> account(ResetCore core, ResetSession session) {
        // Unknown usernames are looked up too, so a directory read does not tell them apart by time.
        Optional<UserAccount> found = session.username() == null
                ? Optional.empty()
                : core.users.find(session.username());
        if (!session.knownUser()) {
            return Optional.empty();
        }
        return found.filter(UserAccount::enabled);
    }
}
