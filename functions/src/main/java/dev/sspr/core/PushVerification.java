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
 * without an enrolled device gets the same answers, and its notification is never approved.
 */
final class PushVerification {
    private final ResetCore core;

    PushVerification(ResetCore core) {
        this.core = core;
    }

    ApiResponse start(ResetSession session, RequestContext context) {
        Instant now = Flow.now(core);
        Admission pushes = core.userLimits.tryPush(session.username(), now);
        if (!pushes.allowed()) {
            Flow.audit(core, context, session, "challenge", MethodType.PUSH, "push_limit");
            return ApiResponse.error(ErrorCode.RATE_LIMITED, Map.of("retryAfter", Flow.iso(pushes.windowEnds())));
        }
        Admission sends = core.userLimits.trySend(session.username(), now);
        if (!sends.allowed()) {
            Flow.audit(core, context, session, "challenge", MethodType.PUSH, "send_limit");
            return ApiResponse.error(ErrorCode.RATE_LIMITED, Map.of("retryAfter", Flow.iso(sends.windowEnds())));
        }

        String challengeId = randomId();
        String number = String.valueOf(10 + core.random.nextInt(90));
        Instant expiresAt = now.plus(core.settings.limits().pushLifetime());
        session.setChallenge(Challenge.forPush(challengeId, now, expiresAt));
        core.sessions.update(session);
        Flow.account(core, session)
                .map(UserAccount::pushDeviceId)
                .flatMap(core.devices::find)
                .ifPresent(device -> {
                    core.pushChallenges.create(new PushChallenge(challengeId, session.id(), session.username(),
                            numberDigest(challengeId, number), now, expiresAt, PushChallenge.Status.PENDING,
                            context.sourceIp()));
                    core.pushNotifier.notify(device);
                });
        Flow.audit(core, context, session, "challenge", MethodType.PUSH, "sent");

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("method", MethodType.PUSH.wireName());
        response.put("expiresAt", Flow.iso(expiresAt));
        response.put("resendAfter", Flow.iso(now.plus(core.settings.resendWait())));
        response.put("numberToMatch", number);
        return ApiResponse.of(202, response);
    }

    /** The state of the open push as the page sees it: approved, refused, expired or pending. */
    enum Outcome {
        APPROVED,
        REFUSED,
        EXPIRED,
        PENDING
    }

    Outcome poll(ResetSession session) {
        Challenge challenge = session.challenge();
        if (challenge == null || challenge.method() != MethodType.PUSH) {
            return Outcome.EXPIRED;
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
