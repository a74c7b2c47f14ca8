package dev.sspr.core;

import dev.sspr.core.password.PasswordHistory;
import dev.sspr.core.password.PasswordHistoryEntry;
import dev.sspr.core.password.PolicyRule;
import dev.sspr.core.password.PolicyViolation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Sets the new password once both verifications passed, and finishes the reset. */
public final class PasswordStep {
    private static final int MAX_PASSWORD_UTF16_UNITS = 4096;
    /** Conditional writes of one change before giving up on a user record that keeps changing. */
    private static final int MAX_STORE_ATTEMPTS = 3;
    private static final DateTimeFormatter NOTICE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ResetCore core;

    public PasswordStep(ResetCore core) {
        this.core = core;
    }

    /** Handles {@code POST /v1/resets/{resetId}/password}. */
    public ApiResponse setPassword(String resetId, Map<String, Object> body, RequestContext context) {
        Optional<String> unexpected = RequestFields.unknownField(body, Set.of("newPassword", "confirmPassword"));
        if (unexpected.isPresent()) {
            return RequestFields.unknown(unexpected.get());
        }
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

        UserAccount user = account.get();
        Instant allowedAt = changeAllowedAt(user);
        if (core.clock.instant().isBefore(allowedAt)) {
            return rejectUnlessFinished(session, minAgeError(allowedAt), "password_min_age", context);
        }
        Secret password = Secret.of(typed.get());
        List<Map<String, Object>> violations = violations(password, Secret.of(confirmation.get()), user);
        if (!violations.isEmpty()) {
            Flow.audit(core, context, session, "password", null, "password_policy");
            return ApiResponse.error(ErrorCode.PASSWORD_POLICY, Map.of("violations", violations));
        }
        // Checked after the other rules pass, because in AWS it costs a call to KMS.
        PasswordHistory.Candidate candidate = core.passwordHistory.candidate(user.username(), password);
        if (isReused(candidate, password, user)) {
            return rejectUnlessFinished(session, historyError(), "password_history", context);
        }
        return change(session, user, password, candidate, context);
    }

    /**
     * Returns the rejection, unless a parallel request finished this reset since it was read. The
     * account then already shows that request's change, so the right answer is step_not_allowed.
     */
    private ApiResponse rejectUnlessFinished(ResetSession session, ApiResponse rejection, String outcome,
            RequestContext context) {
        Optional<ResetSession> current = Flow.load(core, session.id());
        if (current.isEmpty()) {
            return Flow.notFound();
        }
        if (current.get().stage() != Stage.NEW_PASSWORD) {
            return Flow.stepNotAllowed(current.get());
        }
        Flow.audit(core, context, session, "password", null, outcome);
        return rejection;
    }

    private List<Map<String, Object>> violations(Secret password, Secret confirmation, UserAccount account) {
        List<Map<String, Object>> violations = new ArrayList<>();
        for (PolicyViolation violation : core.passwordPolicy.check(password, userNames(account))) {
            violations.add(violationJson(violation.rule(), violation.message()));
        }
        if (!password.equalsInConstantTime(confirmation)) {
            violations.add(violationJson("confirmation_mismatch", "The two passwords do not match."));
        }
        return violations;
    }

    /** Lists the user's own names that a password must not contain: the username and the email local part. */
    private static List<String> userNames(UserAccount account) {
        List<String> names = new ArrayList<>();
        names.add(account.username());
        if (account.email() != null) {
            int at = account.email().lastIndexOf('@');
            names.add(at > 0 ? account.email().substring(0, at) : account.email());
        }
        return names;
    }

    /**
     * Tells whether the password is one of the user's last passwords. An account whose history was
     * never recorded (one created before the history existed) is checked against its current
     * bcrypt hash instead, which costs one bcrypt verification.
     */
    private boolean isReused(PasswordHistory.Candidate candidate, Secret password, UserAccount account) {
        if (account.passwordHistory().isEmpty()) {
            return core.passwordHasher.verify(password, account.passwordHash());
        }
        return candidate.isIn(account.passwordHistory());
    }

    /**
     * Claims the session first, so that of several parallel requests exactly one changes the
     * password, then writes the new hash, the time and the history in one conditional write.
     */
    private ApiResponse change(ResetSession session, UserAccount account, Secret password,
            PasswordHistory.Candidate candidate, RequestContext context) {
        String hash = core.passwordHasher.hash(password);
        session.setStage(Stage.SETTING_PASSWORD);
        try {
            core.sessions.update(session);
        } catch (ConcurrentUpdateException e) {
            // Another request finished or cancelled the reset first. A cancelled one is not found.
            return Flow.load(core, session.id()).map(Flow::stepNotAllowed).orElseGet(Flow::notFound);
        }
        Instant now = Flow.now(core);
        Optional<ApiResponse> rejection;
        try {
            rejection = store(session, account, password, hash, candidate, now, context);
        } catch (RuntimeException e) {
            reopen(session);
            throw e;
        }
        if (rejection.isPresent()) {
            reopen(session);
            return rejection.get();
        }
        finish(session);
        Flow.audit(core, context, session, "password", null, "success");
        cancelOtherResets(session, now, context);
        notifyChange(account, now);
        return ApiResponse.of(200, Map.of("stage", Stage.DONE.name()));
    }

    /**
     * Writes the change conditionally on the version read. When the account changed in between,
     * for example because another reset of the same user accepted a TOTP step, this reads it
     * again, checks the minimum age and the history against the new record, and tries again.
     *
     * @return empty when stored, or the error to return when the new record refuses the change
     * @throws ConcurrentUpdateException when every attempt lost a race
     */
    private Optional<ApiResponse> store(ResetSession session, UserAccount read, Secret password, String hash,
            PasswordHistory.Candidate candidate, Instant now, RequestContext context) {
        UserAccount account = read;
        for (int attempt = 1; ; attempt++) {
            List<PasswordHistoryEntry> history = PasswordHistory.prepend(candidate.entry(), account.passwordHistory());
            try {
                core.users.changePassword(account.username(), hash, now, history, account.version());
                return Optional.empty();
            } catch (ConcurrentUpdateException e) {
                if (attempt == MAX_STORE_ATTEMPTS) {
                    throw e;
                }
            }
            Optional<UserAccount> reread = Flow.account(core, session);
            if (reread.isEmpty()) {
                Flow.audit(core, context, session, "password", null, "account_unavailable");
                return Optional.of(ApiResponse.error(ErrorCode.STEP_NOT_ALLOWED,
                        Map.of("stage", Stage.NEW_PASSWORD.name())));
            }
            account = reread.get();
            Instant allowedAt = changeAllowedAt(account);
            if (now.isBefore(allowedAt)) {
                Flow.audit(core, context, session, "password", null, "password_min_age");
                return Optional.of(minAgeError(allowedAt));
            }
            if (isReused(candidate, password, account)) {
                Flow.audit(core, context, session, "password", null, "password_history");
                return Optional.of(historyError());
            }
        }
    }

    /**
     * Cancels the user's other open resets. A failure here does not undo the change, and with the
     * default settings a reset left open cannot change the password anyway: the 24-hour minimum age
     * outlasts the 15 minutes a reset lives.
     */
    private void cancelOtherResets(ResetSession session, Instant now, RequestContext context) {
        try {
            int cancelled = core.sessions.cancelOpenResets(session.username(), session.id(), now);
            if (cancelled > 0) {
                Flow.audit(core, context, session, "cancel_other_resets", null, "cancelled");
            }
        } catch (RuntimeException e) {
            Flow.audit(core, context, session, "cancel_other_resets", null, "failed");
        }
    }

    private Instant changeAllowedAt(UserAccount account) {
        return account.passwordChangedAt().plus(core.settings.passwordMinAge());
    }

    private static ApiResponse minAgeError(Instant allowedAt) {
        return ApiResponse.error(ErrorCode.PASSWORD_MIN_AGE, Map.of("retryAfter", Flow.retryAfter(allowedAt)));
    }

    private static ApiResponse historyError() {
        String message = "You have used this password before. Choose one that is not among your last "
                + PasswordHistory.DEPTH + " passwords.";
        return ApiResponse.error(ErrorCode.PASSWORD_POLICY,
                Map.of("violations", List.of(violationJson(PolicyRule.HISTORY, message))));
    }

    /** Puts a claimed session back to NEW_PASSWORD when the directory write failed. */
    private void reopen(ResetSession session) {
        session.setStage(Stage.NEW_PASSWORD);
        try {
            core.sessions.update(session);
        } catch (RuntimeException ignored) {
            // Cancelled meanwhile, or the write failed: the session stays as it is, and a claimed
            // one expires with the reset.
        }
    }

    /** Marks the claimed session DONE after the password was stored. */
    private void finish(ResetSession session) {
        session.setStage(Stage.DONE);
        try {
            core.sessions.update(session);
        } catch (RuntimeException ignored) {
            // Cancelled meanwhile: the password is changed all the same, and the reset is over.
        }
    }

    /** Sends the "password changed" SMS. A failed notice does not undo a completed reset. */
    private void notifyChange(UserAccount account, Instant changedAt) {
        if (account.phoneE164() == null || !core.userLimits.allowsDestination(account.phoneE164())) {
            return;
        }
        if (!core.userLimits.trySpendBudget(changedAt).allowed()) {
            Flow.audit(core, new RequestContext(null, null, null), null, "password_notice", MethodType.SMS,
                    "send_budget_spent");
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
