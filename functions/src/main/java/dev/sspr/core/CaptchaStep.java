package dev.sspr.core;

import dev.sspr.core.captcha.CaptchaText;
import dev.sspr.core.port.CaptchaProvider.Captcha;
import dev.sspr.core.port.LimitStore.Admission;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Starts a reset with a CAPTCHA, replaces the picture on request, and checks typed answers. */
public final class CaptchaStep {
    /** Plays of one CAPTCHA's audio; a new picture starts a new count. */
    static final int MAX_AUDIO_PLAYS = 5;
    /** New pictures one reset can get in its lifetime, by refresh or after a wrong answer. */
    static final int MAX_NEW_PICTURES = 20;

    private final ResetCore core;
    private final CaptchaSeal seal;

    public CaptchaStep(ResetCore core) {
        this.core = core;
        this.seal = new CaptchaSeal(core.digests);
    }

    /**
     * Creates a reset session at stage CAPTCHA and returns its id, picture and expiry. With the WAF
     * CAPTCHA there is no picture: WAF requires its puzzle when the page sends identify.
     */
    public ApiResponse start(RequestContext context) {
        Instant now = Flow.now(core);
        String addressKey = "resets-per-ip#" + SourceAddresses.limitKey(context.sourceIp());
        Admission perAddress = core.limitStore.tryAcquire(addressKey,
                core.settings.limits().maxResetsPerAddress(), core.settings.limits().resetWindow(), now);
        if (!perAddress.allowed()) {
            Flow.audit(core, context, null, "start", null, "address_limit");
            return ApiResponse.error(ErrorCode.RATE_LIMITED,
                    Map.of("retryAfter", Flow.retryAfter(perAddress.nextSlotAt())));
        }
        ResetSession session = new ResetSession(Flow.newResetId(core), now,
                now.plus(core.settings.sessionLifetime()), context.sourceIp());
        Map<String, Object> captcha = new LinkedHashMap<>();
        captcha.put("provider", core.settings.captcha().provider());
        if (!core.settings.captcha().usesWaf()) {
            captcha.put("image", issueCaptcha(session, now));
        }
        core.sessions.create(session);
        Flow.audit(core, context, session, "start", null, "success");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resetId", session.id());
        body.put("captcha", captcha);
        body.put("expiresAt", Flow.iso(session.expiresAt()));
        return ApiResponse.of(201, body);
    }

    /** Replaces the CAPTCHA picture of a session that is still at stage CAPTCHA. */
    public ApiResponse refresh(String resetId, RequestContext context) {
        if (core.settings.captcha().usesWaf()) {
            return ApiResponse.error(ErrorCode.CAPTCHA_NOT_USED);
        }
        Optional<ResetSession> found = Flow.load(core, resetId);
        if (found.isEmpty()) {
            return Flow.notFound();
        }
        if (found.get().stage() != Stage.CAPTCHA) {
            return Flow.stepNotAllowed(found.get());
        }
        Optional<ApiResponse> limited = newPictureLimit(found.get(), context, "captcha_refresh");
        if (limited.isPresent()) {
            return limited.get();
        }
        return Flow.onFreshSession(core, resetId, session -> {
            if (session.stage() != Stage.CAPTCHA) {
                return Flow.stepNotAllowed(session);
            }
            String image = issueCaptcha(session, Flow.now(core));
            core.sessions.update(session);
            Flow.audit(core, context, session, "captcha_refresh", null, "success");
            return ApiResponse.of(200, Map.of("captcha", Map.of("image", image)));
        });
    }

    /**
     * Handles {@code GET /v1/resets/{resetId}/captcha/audio}: the current CAPTCHA spoken, with
     * noise, as a WAV file in base64, which the API turns back into {@code audio/wav}.
     */
    public ApiResponse audio(String resetId, RequestContext context) {
        if (core.settings.captcha().usesWaf()) {
            return ApiResponse.error(ErrorCode.CAPTCHA_NOT_USED);
        }
        Optional<ResetSession> found = Flow.load(core, resetId);
        if (found.isEmpty()) {
            return Flow.notFound();
        }
        ResetSession session = found.get();
        if (session.stage() != Stage.CAPTCHA || session.captchaSealed() == null) {
            return Flow.stepNotAllowed(session);
        }
        String playsKey = "captcha-audio#" + ResetIds.reference(session.id()) + "#" + session.captchaDigest();
        Admission plays = core.limitStore.tryAcquire(playsKey,
                MAX_AUDIO_PLAYS, core.settings.captchaLifetime(), Flow.now(core));
        if (!plays.allowed()) {
            // Many noisy copies of one answer would let noise be averaged away: ask for a new picture.
            Flow.audit(core, context, session, "captcha_audio", null, "play_limit");
            return ApiResponse.error(ErrorCode.RATE_LIMITED, Map.of("retryAfter", Flow.retryAfter(plays.nextSlotAt()),
                    "reason", "captcha_audio_plays"));
        }
        byte[] wav = core.captchaAudio.renderWav(seal.open(session.id(), session.captchaSealed()));
        Flow.audit(core, context, session, "captcha_audio", null, "success");
        return ApiResponse.of(200, Map.of("contentType", "audio/wav",
                "audio", Base64.getEncoder().encodeToString(wav)));
    }

    /**
     * Counts a new picture for the session and returns the 429 response once the reset has had
     * {@link #MAX_NEW_PICTURES}. Each picture allows 5 more audio plays, so pictures are limited too.
     */
    Optional<ApiResponse> newPictureLimit(ResetSession session, RequestContext context, String step) {
        Admission pictures = core.limitStore.tryAcquire("captcha-pictures#" + ResetIds.reference(session.id()),
                MAX_NEW_PICTURES, core.settings.sessionLifetime(), Flow.now(core));
        if (pictures.allowed()) {
            return Optional.empty();
        }
        Flow.audit(core, context, session, step, null, "picture_limit");
        return Optional.of(ApiResponse.error(ErrorCode.RATE_LIMITED, Map.of("retryAfter",
                Flow.retryAfter(pictures.nextSlotAt()), "reason", "captcha_pictures")));
    }

    /**
     * Puts a new CAPTCHA on the session, replacing any earlier one, and returns its picture as a
     * data URI. The caller saves the session.
     */
    String issueCaptcha(ResetSession session, Instant now) {
        Captcha captcha = core.captchas.issue(session.id());
        String digest = core.digests.captchaDigest(session.id(), CaptchaText.canonical(captcha.answer().reveal()));
        session.setCaptcha(digest, now.plus(core.settings.captchaLifetime()));
        session.setCaptchaSealed(seal.seal(session.id(), captcha.answer()));
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(captcha.png());
    }

    /** Tells whether the typed answer matches the session's CAPTCHA and the CAPTCHA is still valid. */
    boolean accepts(ResetSession session, String typed, Instant now) {
        if (session.captchaDigest() == null || !now.isBefore(session.captchaExpiresAt()) || typed.length() > 64) {
            return false;
        }
        String digest = core.digests.captchaDigest(session.id(), CaptchaText.canonical(typed));
        return KeyedDigests.sameDigest(session.captchaDigest(), digest);
    }
}
