package dev.sspr.core;

import java.time.Instant;

/**
 * A push notification waiting on a person's authenticator app. The app shows the request and the
 * person types the two-digit number the reset page shows; only a keyed digest of it is kept.
 *
 * @param id random id the device uses to answer
 * @param resetId the reset that asked for it
 * @param username the normalised username whose devices may answer
 * @param numberDigest keyed digest of the number to match
 * @param createdAt when it was sent
 * @param expiresAt when it can no longer be approved
 * @param status where it stands
 * @param requestedFrom the address the reset came from, shown on the device
 */
public record PushChallenge(String id, String resetId, String username, String numberDigest, Instant createdAt,
        Instant expiresAt, Status status, String requestedFrom) {

    /** The life of a push challenge: it leaves PENDING exactly once. */
    public enum Status {
        PENDING,
        APPROVED,
        DENIED,
        WRONG_NUMBER
    }

    public boolean isOpen(Instant now) {
        return status == Status.PENDING && now.isBefore(expiresAt);
    }
}
