package dev.sspr.core;

import dev.sspr.core.password.PolicyViolation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sets the new password once both verifications passed, and finishes the reset. */
public final class PasswordStep {
    private static final int MAX_PASSWORD_UTF16_UNITS = 4096;
    private static final DateTimeFormatter NOTICE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ResetCore core;

    public PasswordStep(ResetCore core) {
        this.core = core;
    }

    /** Handles {@code POST /v1/resets/{resetId}/password}. */
    public ApiResponse setPassword(String resetId, Map<String, Object> body, RequestContext context) {
        Optional<String> typed = RequestFields.string(body, "newPassword", MAX_PASSWORD_UTF16_UNITS);
        if (typed.isEmpty()) {
            return RequestFields.invalid("newPassword");
        }
        Optional<String> confirmation = RequestFields.string(body, "confirmPassword", MAX_PASSWORD_UTF16_UNITS);
        if (confirmation.isEmpty()) {
            return RequestFields.invalid("confirmPassword");
        }
        Optional<ResetSession> found = Flow.load(core, resetId);
        if (found.isEmpty()) {
            return Flow.notFound();
        }
        ResetSession session = found.get();
        if (session.stage() != Stage.NEW_PASSWORD) {
            return Flow.stepNotAllowed(session);
        }
        Optional<UserAccount> account = Flow.account(core, session);
        if (account.isEmpty()) {
            // Only a known account can pass verification, so this is a disabled or removed account.
            Flow.audit(core, context, session, "password", null, "account_unavailable");
            return Flow.stepNotAllowed(session);
        }

        Instant allowedAt = account.get().passwordChangedAt().plus(core.settings.passwordMinAge());
        if (core.clock.instant().isBefore(allowedAt)) {
            Flow.audit(core, context, session, "password", null, "password_min_age");
            return ApiResponse.error(ErrorCode.PASSWORD_MIN_AGE, Map.of("retryAfter", Flow.retryAfter(allowedAt)));
        }
        Secret password = Secret.of(typed.get());
        List<Map<String, Object>> violations = violations(password, Secret.of(confirmation.get()));
        if (!violations.isEmpty()) {
            Flow.audit(core, context, session, "password", null, "password_policy");
            return ApiResponse.error(ErrorCode.PASSWORD_POLICY, Map.of("violations", violations));
        }
        return change(session, account.get(), password, context);
    }

    private List<Map<String, Object>> violations(Secret password, Secret confirmation) {
        List<Map<String, Object>> violations = new ArrayList<>();
        for (PolicyViolation violation : core.passwordPolicy.check(password)) {
            violations.add(violationJson(violation.rule(), violation.message()));
        }
        if (!password.equalsInConstantTime(confirmation)) {
            violations.add(violationJson("confirmation_mismatch", "The two passwords do not match."));
        }
        return violations;
    }

    /**
     * Claims the session first, so that of several parallel requests exactly one changes the
     * password, then writes the new hash.
     */
    private ApiResponse change(ResetSession session, UserAccount account, Secret password, RequestContext context) {
        String hash = core.passwordHasher.hash(password);
        session.setStage(Stage.DONE);
        try {
            core.sessions.update(session);
        } catch (ConcurrentUpdateException e) {
            return Flow.stepNotAllowed(Flow.load(core, session.id()).orElse(session));
        }
        Instant now = Flow.now(core);
        try {
            core.users.changePassword(account.username(), hash, now, account.version());
        } catch (RuntimeException e) {
            reopen(session);
            throw e;
        }
        Flow.audit(core, context, session, "password", null, "success");
        notifyChange(account, now);
        return ApiResponse.of(200, Map.of("stage", Stage.DONE.name()));
    }

    /** Puts a claimed session back to NEW_PASSWORD when the directory write failed. */
    private void reopen(ResetSession session) {
        session.setStage(Stage.NEW_PASSWORD);
        try {
            core.sessions.update(session);
        } catch (RuntimeException ignored) {
            // The session stays DONE; the person starts a new reset.
        }
    }

    /** Sends the "password changed" SMS. A failed notice does not undo a completed reset. */
    private void notifyChange(UserAccount account, Instant changedAt) {
        if (account.phoneE164() == null) {
            return;
        }
        String text = "Your " + core.settings.organisationName() + " password was changed at "
                + NOTICE_TIME.format(changedAt) + ". If this was not you, " + lowerFirst(core.settings.support().text());
        try {
            core.sms.send(account.phoneE164(), Secret.of(text));
        } catch (RuntimeException e) {
            Flow.audit(core, new RequestContext(null, null, null), null, "password_notice", MethodType.SMS, "failed");
        }
    }

    private static String lowerFirst(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static Map<String, Object> violationJson(String rule, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", rule);
        json.put("message", message);
        return json;
    }
}
