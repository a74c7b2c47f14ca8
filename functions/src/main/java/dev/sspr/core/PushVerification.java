package dev.sspr.core;

import dev.sspr.core.port.LimitStore.Admission;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reset page's side of push approval with number matching: sends the notification with a
 * two-digit number for the page to show, then reports whether the device approved it. A username
 * without an enrolled device gets the same responses, and its notification is never approved.
 */
final class PushVerification {
    /**
     * Prefix of the owner of a push challenge without a device. It contains a space, and identify
     * never finds a username with one (see {@link Usernames#isPlausible}), so no app can be its user's.
     */
    static final String DECOY_OWNER_PREFIX = "no device ";

    private final ResetCore core;

    PushVerification(ResetCore core) {
        this.core = core;
    }

    ApiResponse start(ResetSession session, RequestContext context) {
        Instant now = Flow.now(core);
        Challenge previous = session.challenge();
        String challengeId = randomId();
        String number = String.valueOf(10 + core.random.nextInt(90));
        Instant expiresAt = now.plus(core.settings.limits().pushLifetime());
        Challenge challenge = Challenge.forPush(challengeId, now, expiresAt);
        session.setChallenge(challenge);
        core.sessions.update(session);

        Optional<ApiResponse> limited = checkLimits(session, now, context);
        if (limited.isPresent()) {
            CodeDelivery.restore(core, session.id(), challenge, previous);
            return limited.get();
        }
        if (previous != null && previous.pushChallengeId() != null) {
            // A new push replaces the old one, so the app no longer offers the old request.
            core.pushChallenges.complete(previous.pushChallengeId(), PushChallenge.Status.SUPERSEDED);
        }
        // The challenge is stored for every username, so the write does not tell real ones apart by
        // time. Without an enabled account and its device it is stored under a name no device has,
        // so no app can list or approve it, a disabled user's app included.
        Optional<PushDevice> device = Flow.account(core, session)
                .map(UserAccount::pushDeviceId)
                .flatMap(core.devices::find);
        String owner = device.isPresent() ? session.username() : DECOY_OWNER_PREFIX + session.username();
        core.pushChallenges.create(new PushChallenge(challengeId, session.id(), owner,
                numberDigest(challengeId, number), now, expiresAt, PushChallenge.Status.PENDING, context.sourceIp()));
        device.ifPresent(core.pushNotifier::notify);
        Flow.audit(core, context, session, "challenge", MethodType.PUSH, "sent");

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("method", MethodType.PUSH.wireName());
        response.put("expiresAt", Flow.iso(expiresAt));
        response.put("resendAfter", Flow.retryAfter(now.plus(core.settings.resendWait())));
        response.put("numberToMatch", number);
        return ApiResponse.of(202, response);
    }

    /** Counts the push against the per-user limits, which apply whether or not a device exists. */
    private Optional<ApiResponse> checkLimits(ResetSession session, Instant now, RequestContext context) {
        Admission pushes = core.userLimits.tryPush(session.username(), now);
        if (!pushes.allowed()) {
            Flow.audit(core, context, session, "challenge", MethodType.PUSH, "push_limit");
            return Optional.of(ApiResponse.error(ErrorCode.RATE_LIMITED,
                    Map.of("retryAfter", Flow.retryAfter(pushes.nextSlotAt()))));
        }
        Admission sends = core.userLimits.trySend(session.username(), now);
        if (!sends.allowed()) {
            Flow.audit(core, context, session, "challenge", MethodType.PUSH, "send_limit");
            return Optional.of(ApiResponse.error(ErrorCode.RATE_LIMITED,
                    Map.of("retryAfter", Flow.retryAfter(sends.nextSlotAt()))));
        }
        return Optional.empty();
    }

    /** The state of the open push as the page reports it: approved, refused, expired or pending. */
    enum Outcome {
        APPROVED,
        NOT_SENT,
        REFUSED,
        EXPIRED,
        PENDING
    }

    Outcome poll(ResetSession session) {
        Challenge challenge = session.challenge();
        if (challenge == null || challenge.method() != MethodType.PUSH) {
            return Outcome.NOT_SENT;
        }
        Optional<PushChallenge> push = core.pushChallenges.find(challenge.pushChallengeId());
        if (push.isPresent() && push.get().status() == PushChallenge.Status.APPROVED) {
            return Outcome.APPROVED;
        }
        if (push.isPresent() && push.get().status() != PushChallenge.Status.PENDING) {
            return Outcome.REFUSED;
        }
        return challenge.isExpired(core.clock.instant()) ? Outcome.EXPIRED : Outcome.PENDING;
    }

    String numberDigest(String challengeId, String number) {
        return core.digests.codeDigest(challengeId, MethodType.PUSH, Secret.of(number));
    }

    private String randomId() {
        byte[] bytes = new byte[18];
        core.random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
