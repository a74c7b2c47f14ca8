package dev.sspr.core;

import java.time.Instant;

/**
 * The code that was last sent for one method of a reset. Only a keyed digest of the code is kept.
 *
 * @param method the method the code was sent for; a code is accepted only for this method
 * @param codeDigest keyed digest of the code, see {@link CodeDigester}
 * @param issuedAt when the code was sent, which starts the resend wait
 * @param expiresAt when the code stops being accepted
 */
public record Challenge(MethodType method, String codeDigest, Instant issuedAt, Instant expiresAt) {

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
