package dev.sspr.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the CAPTCHA and finds the account. With the WAF CAPTCHA, the check is WAF's mark on the
 * request instead of typed characters, and a request without the mark is refused. Unknown and disabled usernames get the same response as
 * real ones, with decoy methods that stay the same for the same username.
 */
public final class IdentifyStep {
    /**
     * The method sets a decoy shows, the common enrolments, so the set alone does not tell a real
     * account from an unknown username. Which one a username gets depends on a keyed hash of it.
     */
    private static final List<List<MethodType>> DECOY_METHODS = List.of(
            List.of(MethodType.SMS, MethodType.VOICE, MethodType.PUSH, MethodType.TOTP),
            List.of(MethodType.SMS, MethodType.VOICE, MethodType.TOTP),
            List.of(MethodType.SMS, MethodType.VOICE, MethodType.PUSH),
            List.of(MethodType.SMS, MethodType.VOICE),
            // Accounts enrolled in the app only exist too, so a list without a phone is no giveaway.
            List.of(MethodType.PUSH, MethodType.TOTP));

    private final ResetCore core;
    private final CaptchaStep captcha;

    public IdentifyStep(ResetCore core) {
        this.core = core;
        this.captcha = new CaptchaStep(core);
    }

    /** Handles {@code POST /v1/resets/{resetId}/identify}. */
    public ApiResponse identify(String resetId, Map<String, Object> body, RequestContext context) {
        boolean waf = core.settings.captcha().usesWaf();
        Optional<String> unexpected = RequestFields.unknownField(body,
                waf ? Set.of("username") : Set.of("username", "captcha"));
        if (unexpected.isPresent()) {
            return RequestFields.unknown(unexpected.get());
        }
        Optional<String> typedUsername = RequestFields.string(body, "username", Usernames.MAX_LENGTH);
        if (typedUsername.isEmpty()) {
            return RequestFields.invalid("username");
        }
        String typedCaptcha = RequestFields.string(body, "captcha", 64).orElse("");

        return Flow.onFreshSession(core, resetId,
                session -> identify(session, typedUsername.get(), typedCaptcha, context));
    }

    private ApiResponse identify(ResetSession session, String typedUsername, String typedCaptcha,
            RequestContext context) {
        if (session.stage() != Stage.CAPTCHA) {
            return Flow.stepNotAllowed(session);
        }
        Instant now = Flow.now(core);
        if (core.settings.captcha().usesWaf()) {
            if (!context.wafCaptchaPassed()) {
                // WAF's rule should have stopped this request; refuse rather than trust a gap in it.
                Flow.audit(core, context, session, "identify", null, "captcha_required");
                return ApiResponse.error(ErrorCode.CAPTCHA_REQUIRED);
            }
        } else if (!captcha.accepts(session, typedCaptcha, now)) {
            Optional<ApiResponse> limited = captcha.newPictureLimit(session, context, "identify");
            if (limited.isPresent()) {
                // The wrong answer still uses up the picture, so the same one cannot be guessed again.
                session.setCaptcha(null, null);
                session.setCaptchaSealed(null);
                core.sessions.update(session);
                return limited.get();
            }
            String image = captcha.issueCaptcha(session, now);
            core.sessions.update(session);
            Flow.audit(core, context, session, "identify", null, "captcha_invalid");
            return ApiResponse.error(ErrorCode.CAPTCHA_INVALID, Map.of("captcha", Map.of("image", image)));
        }

        String username = core.usernames.normalise(typedUsername);
        Optional<UserAccount> account = Usernames.isPlausible(username)
                ? core.users.find(username).filter(UserAccount::enabled)
                : Optional.empty();
        List<MethodType> methods = account.map(UserAccount::enrolledMethods).orElseGet(() -> decoyMethods(username));

        session.setCaptcha(null, null);
        session.setIdentity(username, account.isPresent(), methods);
        session.setStage(Stage.VERIFY_1);
        core.sessions.update(session);
        Flow.audit(core, context, session, "identify", null, account.isPresent() ? "success" : "unknown_user");

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("stage", Stage.VERIFY_1.name());
        response.put("methods", Flow.methodsJson(methods, Flow.maskedPhone(core, session, account)));
        response.put("requireDistinctAuthenticators", core.settings.requireDistinctAuthenticators());
        return ApiResponse.of(200, response);
    }

    private List<MethodType> decoyMethods(String username) {
        byte[] bytes = core.digests.decoyBytes(username);
        return DECOY_METHODS.get(Math.floorMod(bytes[2], DECOY_METHODS.size()));
    }
}
