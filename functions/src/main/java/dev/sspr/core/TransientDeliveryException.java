package dev.sspr.core;

/**
 * Thrown when an SMS or voice provider fails in a way that a later attempt may not. The handler
 * lets it escape so that the state machine's Retry block repeats the step.
 */
public class TransientDeliveryException extends RuntimeException {
    public TransientDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientDeliveryException(String message) {
        super(message);
    }
}
