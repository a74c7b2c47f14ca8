package dev.sspr.core.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sspr.adapter.memory.LocalPasswordMac;
import dev.sspr.core.Secret;
import dev.sspr.core.port.PasswordMac;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PasswordHistoryTest {
    private static final String PASSWORD = "Correct-Horse-7-Battery";

    private final LocalPasswordMac mac = LocalPasswordMac.withRandomKey();
    private final PasswordHistory history = new PasswordHistory(mac);

    private PasswordHistoryEntry entry(String password) {
        return history.candidate("cs0101", Secret.of(password)).entry();
    }

    @Test
    void prepend_putsNewestFirst() {
        List<PasswordHistoryEntry> older = List.of(entry("one"), entry("two"));
        PasswordHistoryEntry newest = entry("three");

        assertEquals(List.of(newest, older.get(0), older.get(1)), PasswordHistory.prepend(newest, older));
    }

    @Test
    void prepend_growsTo24AndKeepsAll23Older() {
        List<PasswordHistoryEntry> older = entries(23);
        List<PasswordHistoryEntry> next = PasswordHistory.prepend(entry("newest"), older);

        assertEquals(24, next.size());
        assertEquals(older, next.subList(1, 24));
    }

    @Test
    void prepend_dropsTheOldestPastTwentyFour() {
        List<PasswordHistoryEntry> older = entries(24);
        List<PasswordHistoryEntry> next = PasswordHistory.prepend(entry("newest"), older);

        assertEquals(24, next.size());
        assertEquals(older.subList(0, 23), next.subList(1, 24));
        assertFalse(next.contains(older.get(23)));
    }

    @Test
    void candidate_isInHistoryWhenAnyEntryMatches() {
        List<PasswordHistoryEntry> stored = new ArrayList<>(entries(23));
        stored.add(entry(PASSWORD));

        assertTrue(history.candidate("cs0101", Secret.of(PASSWORD)).isIn(stored));
        assertFalse(history.candidate("cs0101", Secret.of(PASSWORD + "!")).isIn(stored));
        assertFalse(history.candidate("cs0101", Secret.of(PASSWORD)).isIn(List.of()));
    }

    @Test
    void candidate_matchesNfkcEquivalentForm() {
        String fullWidthDigit = "Correct-Horse-\uFF17-Battery";

        assertTrue(history.candidate("cs0101", Secret.of(fullWidthDigit)).isIn(List.of(entry(PASSWORD))));
    }

    @Test
    void candidate_isCaseSensitive() {
        assertFalse(history.candidate("cs0101", Secret.of(PASSWORD.toUpperCase())).isIn(List.of(entry(PASSWORD))));
    }

    @Test
    void entries_differBetweenUsers() {
        PasswordHistoryEntry first = history.candidate("cs0101", Secret.of(PASSWORD)).entry();
        PasswordHistoryEntry second = history.candidate("cs0102", Secret.of(PASSWORD)).entry();

        assertNotEquals(first.mac(), second.mac());
        assertFalse(history.candidate("cs0102", Secret.of(PASSWORD)).isIn(List.of(first)));
    }

    @Test
    void entries_distinguishPasswordsSharingTheirFirst72Bytes() {
        String shared = "Correct-Horse-7-" + "x".repeat(56);
        assertEquals(72, shared.getBytes(StandardCharsets.UTF_8).length);

        assertFalse(history.candidate("cs0101", Secret.of(shared + "b")).isIn(List.of(entry(shared + "a"))));
        assertTrue(history.candidate("cs0101", Secret.of(shared + "a")).isIn(List.of(entry(shared + "a"))));
    }

    @Test
    void candidate_sendsA64ByteDigestNotThePassword() {
        RecordingMac recording = new RecordingMac(mac);
        new PasswordHistory(recording).candidate("cs0101", Secret.of(PASSWORD));

        assertEquals(1, recording.messages.size());
        byte[] message = recording.messages.get(0);
        assertEquals(64, message.length);
        assertFalse(new String(message, StandardCharsets.ISO_8859_1).contains("Horse"));
    }

    @Test
    void candidate_computesOneMacPerEarlierKey() {
        LocalPasswordMac oldKey = LocalPasswordMac.withRandomKey();
        PasswordHistoryEntry oldEntry = new PasswordHistory(oldKey).candidate("cs0101", Secret.of(PASSWORD)).entry();
        PasswordHistoryEntry oldOther = new PasswordHistory(oldKey).candidate("cs0101", Secret.of("other")).entry();
        TwoKeyMac twoKeys = new TwoKeyMac(mac, oldKey);
        PasswordHistory current = new PasswordHistory(twoKeys);
        List<PasswordHistoryEntry> stored = List.of(entry("newer"), oldOther, oldEntry);

        assertTrue(current.candidate("cs0101", Secret.of(PASSWORD)).isIn(stored));
        assertEquals(1, twoKeys.earlierKeyCalls, "one MAC for both entries of the earlier key");
    }

    @Test
    void entryOfDeletedKey_neverMatches() {
        PasswordHistoryEntry deleted = new PasswordHistory(LocalPasswordMac.withRandomKey())
                .candidate("cs0101", Secret.of(PASSWORD)).entry();

        assertFalse(history.candidate("cs0101", Secret.of(PASSWORD)).isIn(List.of(deleted)));
    }

    @Test
    void corruptEntry_neverMatches() {
        PasswordHistoryEntry corrupt = new PasswordHistoryEntry(mac.keyId(), "not base64 at all!");

        assertFalse(history.candidate("cs0101", Secret.of(PASSWORD)).isIn(List.of(corrupt)));
    }

    @Test
    void candidate_rejectsUnpairedSurrogate() {
        assertThrows(IllegalArgumentException.class, () -> history.candidate("cs0101", Secret.of("abc\uD800")));
    }

    @Test
    void entry_hidesTheMacFromToString() {
        assertEquals("PasswordHistoryEntry[keyId=" + mac.keyId() + ", mac=hidden]", entry(PASSWORD).toString());
    }

    private List<PasswordHistoryEntry> entries(int count) {
        return IntStream.range(0, count).mapToObj(i -> entry("old password " + i)).toList();
    }

    /** Passes calls through and records each message. */
    private static final class RecordingMac implements PasswordMac {
        final List<byte[]> messages = new ArrayList<>();
        private final PasswordMac delegate;

        RecordingMac(PasswordMac delegate) {
            this.delegate = delegate;
        }

        @Override
        public KeyedMac mac(byte[] message) {
            messages.add(message.clone());
            return delegate.mac(message);
        }

        @Override
        public Optional<byte[]> mac(String keyId, byte[] message) {
            messages.add(message.clone());
            return delegate.mac(keyId, message);
        }
    }

    /** A current key plus one earlier key, as after a KMS key was replaced. */
    private static final class TwoKeyMac implements PasswordMac {
        private final LocalPasswordMac current;
        private final LocalPasswordMac earlier;
        int earlierKeyCalls;

        TwoKeyMac(LocalPasswordMac current, LocalPasswordMac earlier) {
            this.current = current;
            this.earlier = earlier;
        }

        @Override
        public KeyedMac mac(byte[] message) {
            return current.mac(message);
        }

        @Override
        public Optional<byte[]> mac(String keyId, byte[] message) {
            if (keyId.equals(earlier.keyId())) {
                earlierKeyCalls++;
                return earlier.mac(keyId, message);
            }
            return current.mac(keyId, message);
        }
    }
}
