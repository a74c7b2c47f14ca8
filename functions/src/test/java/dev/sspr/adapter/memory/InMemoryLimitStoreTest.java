package dev.sspr.adapter.memory;

import dev.sspr.adapter.LimitStoreContract;
import dev.sspr.core.port.LimitStore;

/** Runs the limit store contract against the in-memory store, which the DynamoDB store mirrors. */
class InMemoryLimitStoreTest extends LimitStoreContract {
    private final InMemoryLimitStore store = new InMemoryLimitStore();

    @Override
    protected LimitStore store() {
        return store;
    }
}
