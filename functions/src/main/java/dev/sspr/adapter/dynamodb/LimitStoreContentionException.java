package dev.sspr.adapter.dynamodb;

/**
 * Thrown by {@link DynamoDbLimitStore#tryAcquire} when other requests changed the same limit item
 * before each of its conditional writes, as many times in a row as it may retry. The event was not
 * counted. The request may be retried as a whole.
 *
 * <p>It is not a {@link dev.sspr.core.ConcurrentUpdateException}, because the core reads that as
 * "the reset session changed" and decides the step again, while here the session write may already
 * have happened.
 */
public class LimitStoreContentionException extends RuntimeException {
    public LimitStoreContentionException(String message) {
        super(message);
    }
}
