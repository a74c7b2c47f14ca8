package dev.sspr.core;

import dev.sspr.core.phone.PhoneNumbers;
import dev.sspr.core.port.LimitStore.Admission;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one-time codes by SMS or voice call, always to the stored number and never to the typed
 * one, which only has to match it.
 */
final class CodeDelivery {
    private static final int CODE_DIGITS = 6;

    private final ResetCore core;

    CodeDelivery(ResetCore core) {
        this.core = core;
    }

    ApiResponse sendCode(ResetSession session, MethodType method, String typedPhone, RequestContext context) {
        Optional<UserAccount> account = Flow.account(core, session);
        String storedPhone = account.map(UserAccount::phoneE164).orElse(null);
        Instant now = Flow.now(core);
        if (storedPhone == null || !PhoneNumbers.matches(typedPhone, storedPhone)) {
            if (!core.userLimits.recordFailure(session.username(), now)) {
                Flow.audit(core, context, session, "challenge", method, "locked");
                return ApiResponse.error(ErrorCode.LOCKED, Map.of("retryAfter",
                        Flow.retryAfter(core.userLimits.lockedUntil(session.username(), now).orElse(now))));
            }
            Flow.audit(core, context, session, "challenge", method, "phone_mismatch");
            return ApiResponse.error(ErrorCode.PHONE_MISMATCH);
        }
        if (!core.userLimits.allowsDestination(storedPhone)) {
            Flow.audit(core, context, session, "challenge", method, "destination_not_allowed");
            return ApiResponse.error(ErrorCode.DESTINATION_NOT_ALLOWED);
        }

        // The session write comes first: if a parallel request wins it, this one is decided again
        // on the new state and has used up no send.
        Challenge previous = session.challenge();
        Secret code = newCode();
        Challenge challenge = Challenge.forCode(method, core.digests.codeDigest(session.id(), method, code), now,
                now.plus(core.settings.codeLifetime()));
        session.setChallenge(challenge);
        core.sessions.update(session);

        Admission sends = core.userLimits.trySend(session.username(), now);
        if (!sends.allowed()) {
            restore(core, session.id(), challenge, previous);
            Flow.audit(core, context, session, "challenge", method, "send_limit");
            return ApiResponse.error(ErrorCode.RATE_LIMITED, Map.of("retryAfter", Flow.retryAfter(sends.nextSlotAt())));
        }
        Admission budget = core.userLimits.trySpendBudget(now);
        if (!budget.allowed()) {
            restore(core, session.id(), challenge, previous);
            Flow.audit(core, context, session, "challenge", method, "send_budget_spent");
            return ApiResponse.error(ErrorCode.RATE_LIMITED, Map.of(
                    "retryAfter", Flow.retryAfter(budget.nextSlotAt()), "reason", "daily_send_budget"));
        }
        try {
            deliver(method, storedPhone, code);
        } catch (TransientDeliveryException e) {
            restore(core, session.id(), challenge, previous);
            Flow.audit(core, context, session, "challenge", method, "delivery_failed");
            throw e;
        }
        Flow.audit(core, context, session, "challenge", method, "sent");

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("method", method.wireName());
        response.put("expiresAt", Flow.iso(challenge.expiresAt()));
        response.put("resendAfter", Flow.retryAfter(now.plus(core.settings.resendWait())));
        return ApiResponse.of(202, response);
    }

    /**
     * Puts the earlier challenge back when a code was not sent after all, so the retry that
     * follows is not refused as a too-early resend and no undelivered code stays live.
     */
    static void restore(ResetCore core, String resetId, Challenge undelivered, Challenge previous) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<ResetSession> current = core.sessions.find(resetId);
            if (current.isEmpty() || !undelivered.equals(current.get().challenge())) {
                return;
            }
            try {
                current.get().setChallenge(previous);
                core.sessions.update(current.get());
                return;
            } catch (ConcurrentUpdateException e) {
                // Read the session again and retry.
            }
        }
    }

    private void deliver(MethodType method, String phone, Secret code) {
        if (method == MethodType.SMS) {
            core.sms.send(phone, smsText(code, core.settings.codeLifetime().toMinutes()));
        } else {
            core.voice.call(phone, VoiceScript.forCode(code));
        }
    }

    private Secret newCode() {
        StringBuilder code = new StringBuilder(CODE_DIGITS);
        for (int i = 0; i < CODE_DIGITS; i++) {
            code.append(core.random.nextInt(10));
        }
        return Secret.of(code.toString());
    }

    /** Builds the SMS text, with the code as six consecutive digits as phones expect for autofill. */
    static Secret smsText(Secret code, long lifetimeMinutes) {
        return Secret.of(code.reveal() + " is your password reset code. It expires in " + lifetimeMinutes
                + " minutes."
                + " Never share it with anyone, including the help desk.");
    }
}
