package dev.sspr.adapter.messaging;

/**
 * Thrown when the SMS or voice provider rejects a message for a reason that a retry does not fix,
 * such as an invalid or opted-out number, a spend limit or missing permissions. The message names
 * the destination only in masked form.
 */
public class DeliveryRejectedException extends RuntimeException {
    public DeliveryRejectedException(String message) {
        super(message);
    }
}
