package dev.sspr.adapter.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.UserAccount;
import dev.sspr.core.password.PasswordHistoryEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryUserDirectoryTest {
    private static final Instant CHANGED = Instant.parse("2026-01-01T00:00:00Z");
    private static final PasswordHistoryEntry OLD = new PasswordHistoryEntry("key-1", "b2xk");
    private static final PasswordHistoryEntry NEW = new PasswordHistoryEntry("key-1", "bmV3");

    private final InMemoryUserDirectory directory = new InMemoryUserDirectory();

    @Test
    void changePassword_writesHashTimeAndHistoryTogether() {
        directory.put(account(List.of(OLD), 7));
        Instant now = CHANGED.plusSeconds(86_400);

        directory.changePassword("cs0101", "new-hash", now, List.of(NEW, OLD), 7);

        UserAccount changed = directory.find("cs0101").orElseThrow();
        assertEquals("new-hash", changed.passwordHash());
        assertEquals(now, changed.passwordChangedAt());
        assertEquals(List.of(NEW, OLD), changed.passwordHistory());
        assertEquals(8, changed.version());
    }

    @Test
    void changePassword_withStaleVersionChangesNothing() {
        directory.put(account(List.of(OLD), 7));

        assertThrows(ConcurrentUpdateException.class, () -> directory.changePassword("cs0101", "new-hash",
                CHANGED.plusSeconds(86_400), List.of(NEW, OLD), 6));

        UserAccount unchanged = directory.find("cs0101").orElseThrow();
        assertEquals("old-hash", unchanged.passwordHash());
        assertEquals(CHANGED, unchanged.passwordChangedAt());
        assertEquals(List.of(OLD), unchanged.passwordHistory());
        assertEquals(7, unchanged.version());
    }

    @Test
    void changePassword_forUnknownUserFails() {
        assertThrows(ConcurrentUpdateException.class,
                () -> directory.changePassword("nobody", "hash", CHANGED, List.of(NEW), 1));
    }

    @Test
    void acceptTotpStep_keepsTheHistory() {
        directory.put(account(List.of(OLD), 7));

        directory.acceptTotpStep("cs0101", 100);

        assertEquals(List.of(OLD), directory.find("cs0101").orElseThrow().passwordHistory());
    }

    private static UserAccount account(List<PasswordHistoryEntry> history, long version) {
        return new UserAccount("cs0101", "cs0101@example.gov", "+12055550133", null, null, "old-hash", CHANGED,
                history, true, -1, version);
    }
}
