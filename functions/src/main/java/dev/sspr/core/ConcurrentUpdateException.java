package dev.sspr.core;

/** Thrown by a store when a conditional write finds that someone else changed the record first. */
public class ConcurrentUpdateException extends RuntimeException {
    public ConcurrentUpdateException(String message) {
        super(message);
    }
}
