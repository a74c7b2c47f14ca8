package dev.sspr.core;

import dev.sspr.core.totp.Base32;
import dev.sspr.core.totp.TotpVerifier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;

/**
 * Sends codes and checks them: the two verification steps of a reset. Which methods a person may
 * use for the second step depends on the first, see {@link #eligibleMethods}.
 */
public final class VerificationStep {
    /** Tries of one request when parallel requests for the same reset keep winning the write. */
    private static final int MAX_TYPED_LENGTH = 64;

    private final ResetCore core;
    private final CodeDelivery delivery;
    private final PushVerification push;

    public VerificationStep(ResetCore core) {
        this.core = core;
        this.delivery = new CodeDelivery(core);
        this.push = new PushVerification(core);
    }

    /** Handles {@code POST /v1/resets/{resetId}/challenge}: checks the typed number and sends a code. */
    public ApiResponse challenge(String resetId, Map<String, Object> body, RequestContext context) {
        Optional<String> unexpected = RequestFields.unknownField(body, Set.of("method", "phoneNumber"));
        if (unexpected.isPresent()) {
            return RequestFields.unknown(unexpected.get());
        }
        Optional<MethodType> method = RequestFields.string(body, "method", MAX_TYPED_LENGTH)
                .flatMap(MethodType::fromWireName);
        if (method.isEmpty()) {
            return RequestFields.invalid("method");
        }
        Optional<String> phoneNumber = RequestFields.string(body, "phoneNumber", MAX_TYPED_LENGTH);
        if (method.get().usesPhone() && phoneNumber.isEmpty()) {
            return RequestFields.invalid("phoneNumber");
        }

        return Flow.onFreshSession(core, resetId,
                session -> challenge(session, method.get(), phoneNumber.orElse(""), context));
    }

    private ApiResponse challenge(ResetSession session, MethodType method, String typedPhone,
            RequestContext context) {
        if (!session.stage().isVerification()) {
            return Flow.stepNotAllowed(session);
        }
        if (!eligibleMethods(session).contains(method)) {
            return ineligible(session, "challenge", method, context);
        }
        Optional<ApiResponse> locked = lockedResponse(session, "challenge", method, context);
        if (locked.isPresent()) {
            return locked.get();
        }
        if (method == MethodType.TOTP) {
            return ApiResponse.of(202, Map.of("method", method.wireName()));
        }
        Instant now = core.clock.instant();
        Challenge previous = session.challenge();
        if (previous != null && now.isBefore(previous.issuedAt().plus(core.settings.resendWait()))) {
            Flow.audit(core, context, session, "challenge", method, "resend_too_early");
            return ApiResponse.error(ErrorCode.RATE_LIMITED,
                    Map.of("retryAfter", Flow.retryAfter(previous.issuedAt().plus(core.settings.resendWait()))));
        }
        if (method == MethodType.PUSH) {
            return push.start(session, context);
        }
        return delivery.sendCode(session, method, typedPhone, context);
    }

    /** Handles {@code POST /v1/resets/{resetId}/verify}: checks a code and advances the stage. */
    public ApiResponse verify(String resetId, Map<String, Object> body, RequestContext context) {
        Optional<String> unexpected = RequestFields.unknownField(body, Set.of("method", "code"));
        if (unexpected.isPresent()) {
            return RequestFields.unknown(unexpected.get());
        }
        Optional<MethodType> method = RequestFields.string(body, "method", MAX_TYPED_LENGTH)
                .flatMap(MethodType::fromWireName);
        if (method.isEmpty()) {
            return RequestFields.invalid("method");
        }
        Optional<String> code = RequestFields.string(body, "code", MAX_TYPED_LENGTH);
        if (code.isEmpty() && method.get() != MethodType.PUSH) {
            return RequestFields.invalid("code");
        }

        return Flow.onFreshSession(core, resetId, session -> verify(session, method.get(), code.orElse(""), context));
    }

    private ApiResponse verify(ResetSession session, MethodType method, String typedCode, RequestContext context) {
        if (!session.stage().isVerification()) {
            return Flow.stepNotAllowed(session);
        }
        if (!eligibleMethods(session).contains(method)) {
            return ineligible(session, "verify", method, context);
        }
        Optional<ApiResponse> locked = lockedResponse(session, "verify", method, context);
        if (locked.isPresent()) {
            return locked.get();
        }
        if (method == MethodType.PUSH) {
            return verifyPush(session, context);
        }
        Optional<String> code = TotpVerifier.normaliseCode(typedCode);
        if (method == MethodType.TOTP) {
            return verifyTotp(session, code, context);
        }
        return verifySentCode(session, method, code, context);
    }

    private ApiResponse verifyPush(ResetSession session, RequestContext context) {
        switch (push.poll(session)) {
            case APPROVED:
                session.setChallenge(null);
                return markVerified(session, MethodType.PUSH, context);
            case REFUSED:
                return recordFailure(session, MethodType.PUSH, context, false);
            case NOT_SENT:
                Flow.audit(core, context, session, "verify", MethodType.PUSH, "code_not_sent");
                return ApiResponse.error(ErrorCode.CODE_NOT_SENT);
            case EXPIRED:
                Flow.audit(core, context, session, "verify", MethodType.PUSH, "code_expired");
                return ApiResponse.error(ErrorCode.CODE_EXPIRED);
            default:
                Map<String, Object> pending = new LinkedHashMap<>();
                pending.put("status", "pending");
                pending.put("expiresAt", Flow.iso(session.challenge().expiresAt()));
                return ApiResponse.of(200, pending);
        }
    }

    /** Explains why a method cannot be used now: used up by wrong codes, or not allowed at all. */
    private ApiResponse ineligible(ResetSession session, String step, MethodType method, RequestContext context) {
        boolean usedUp = session.offeredMethods().contains(method)
                && !session.verifiedMethods().contains(method)
                && session.codeFailures(method) >= core.settings.maxCodeFailures();
        ErrorCode code = usedUp ? ErrorCode.ATTEMPTS_EXHAUSTED : ErrorCode.METHOD_NOT_ALLOWED;
        Flow.audit(core, context, session, step, method, code.code());
        return ApiResponse.error(code);
    }

    /** Returns the 423 response when the username is locked; the lock shows from here on only. */
    private Optional<ApiResponse> lockedResponse(ResetSession session, String step, MethodType method,
            RequestContext context) {
        Optional<Instant> lockedUntil = core.userLimits.lockedUntil(session.username(), core.clock.instant());
        if (lockedUntil.isEmpty()) {
            return Optional.empty();
        }
        Flow.audit(core, context, session, step, method, "locked");
        return Optional.of(ApiResponse.error(ErrorCode.LOCKED, Map.of("retryAfter", Flow.retryAfter(lockedUntil.get()))));
    }

    private ApiResponse verifySentCode(ResetSession session, MethodType method, Optional<String> code,
            RequestContext context) {
        Instant now = core.clock.instant();
        Challenge challenge = session.challenge();
        if (challenge == null || challenge.method() != method) {
            Flow.audit(core, context, session, "verify", method, "code_not_sent");
            return ApiResponse.error(ErrorCode.CODE_NOT_SENT);
        }
        if (challenge.isExpired(now)) {
            Flow.audit(core, context, session, "verify", method, "code_expired");
            return ApiResponse.error(ErrorCode.CODE_EXPIRED);
        }
        boolean matches = code.isPresent() && KeyedDigests.sameDigest(challenge.codeDigest(),
                core.digests.codeDigest(session.id(), method, Secret.of(code.get())));
        if (!matches) {
            return recordFailure(session, method, context, true);
        }
        session.setChallenge(null);
        return markVerified(session, method, context);
    }

    private ApiResponse verifyTotp(ResetSession session, Optional<String> code, RequestContext context) {
        Optional<UserAccount> account = Flow.account(core, session);
        if (code.isEmpty() || account.isEmpty() || account.get().totpSecretBase32() == null) {
            return recordFailure(session, MethodType.TOTP, context, true);
        }
        byte[] secret = Base32.decode(account.get().totpSecretBase32().reveal());
        OptionalLong step = core.totp.verify(secret, code.get(), -1);
        if (step.isEmpty()) {
            return recordFailure(session, MethodType.TOTP, context, true);
        }
        if (step.getAsLong() <= account.get().lastTotpStep()
                || !core.users.acceptTotpStep(session.username(), step.getAsLong())) {
            // A right code used before, such as a double-click: refused, but not a failed guess.
            Flow.audit(core, context, session, "verify", MethodType.TOTP, "code_replayed");
            return ApiResponse.error(ErrorCode.CODE_INVALID, Map.of("attemptsRemaining",
                    Math.max(0, core.settings.maxCodeFailures() - session.codeFailures(MethodType.TOTP))));
        }
        return markVerified(session, MethodType.TOTP, context);
    }

    /**
     * Counts a wrong code against the reset and, unless the device already did, against the
     * username. The session write comes first, so a request that loses a race against a parallel
     * one is decided again without having counted. The last failure the reset allows also
     * discards any open challenge of the method.
     */
    private ApiResponse recordFailure(ResetSession session, MethodType method, RequestContext context,
            boolean countForUser) {
        int failures = session.codeFailures(method) + 1;
        session.setCodeFailures(method, failures);
        int remaining = Math.max(0, core.settings.maxCodeFailures() - failures);
        if ((remaining == 0 || method == MethodType.PUSH)
                && session.challenge() != null && session.challenge().method() == method) {
            session.setChallenge(null);
        }
        core.sessions.update(session);
        if (countForUser && !core.userLimits.recordFailure(session.username(), core.clock.instant())) {
            return lockedResponse(session, "verify", method, context).orElseThrow();
        }
        Flow.audit(core, context, session, "verify", method, "code_invalid");
        return ApiResponse.error(ErrorCode.CODE_INVALID, Map.of("attemptsRemaining", remaining));
    }

    private ApiResponse markVerified(ResetSession session, MethodType method, RequestContext context) {
        session.addVerifiedMethod(method);
        Map<String, Object> response = new LinkedHashMap<>();
        if (session.stage() == Stage.VERIFY_1) {
            session.setStage(Stage.VERIFY_2);
            core.sessions.update(session);
            List<MethodType> next = eligibleMethods(session);
            response.put("stage", Stage.VERIFY_2.name());
            response.put("verified", Flow.wireNames(session.verifiedMethods()));
            response.put("methods", Flow.methodsJson(next,
                    Flow.maskedPhone(core, session, Flow.account(core, session))));
            if (next.isEmpty()) {
                response.put("support", core.settings.support().toJson());
            }
        } else {
            session.setStage(Stage.NEW_PASSWORD);
            core.sessions.update(session);
            response.put("stage", Stage.NEW_PASSWORD.name());
            response.put("verified", Flow.wireNames(session.verifiedMethods()));
            passwordChangeAllowedAt(session).ifPresent(at -> response.put("passwordChangeAllowedAt", Flow.retryAfter(at)));
        }
        Flow.audit(core, context, session, "verify", method, "success");
        return ApiResponse.of(200, response);
    }

    /** Returns when the password may next change, if that is still in the future. */
    Optional<Instant> passwordChangeAllowedAt(ResetSession session) {
        return Flow.account(core, session)
                .map(UserAccount::passwordChangedAt)
                .map(changed -> changed.plus(core.settings.passwordMinAge()))
                .filter(allowed -> allowed.isAfter(core.clock.instant()));
    }

    /**
     * Lists the methods the person may use now: offered, not verified yet, not used up by wrong
     * codes, of a type not used before, and, when distinct authenticators are required, on another
     * authenticator than the verified method.
     */
    List<MethodType> eligibleMethods(ResetSession session) {
        List<MethodType> verified = session.verifiedMethods();
        return session.offeredMethods().stream()
                .filter(method -> !verified.contains(method))
                .filter(method -> session.codeFailures(method) < core.settings.maxCodeFailures())
                .filter(method -> !core.settings.requireDistinctAuthenticators()
                        || verified.stream().noneMatch(done -> done.authenticator() == method.authenticator()))
                .toList();
    }
}
