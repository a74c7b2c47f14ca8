package dev.sspr.core;

import java.time.Instant;

/**
 * The verification that was last started for one method of a reset: a sent code, of which only a
 * keyed digest is kept, or a push notification waiting for approval.
 *
 * @param method the method the challenge belongs to; it is accepted only for this method
 * @param codeDigest keyed digest of the sent code, see {@link KeyedDigests}, or null for push
 * @param issuedAt when the code or notification was sent, which starts the resend wait
 * @param expiresAt when the challenge stops being accepted
 * @param pushChallengeId the push challenge the device approves, or null for codes
 */
public record Challenge(MethodType method, String codeDigest, Instant issuedAt, Instant expiresAt,
        String pushChallengeId) {

    /** Creates the challenge of a sent SMS or voice code. */
    public static Challenge forCode(MethodType method, String codeDigest, Instant issuedAt, Instant expiresAt) {
        return new Challenge(method, codeDigest, issuedAt, expiresAt, null);
    }

    /** Creates the challenge of a push notification. */
    public static Challenge forPush(String pushChallengeId, Instant issuedAt, Instant expiresAt) {
        return new Challenge(MethodType.PUSH, null, issuedAt, expiresAt, pushChallengeId);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
