package dev.sspr.core.password;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.sspr.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Hashes and verifies passwords with bcrypt (at.favre.lib:bcrypt, version identifier $2b$).
 *
 * <p>The input to bcrypt is the UTF-8 encoding of the password's NFKC form. bcrypt itself reads
 * at most 72 bytes of key, and this library appends a zero byte as a terminator, so an input of
 * 71 bytes or fewer reaches bcrypt whole. A longer input is first replaced by its 64-byte SHA-512
 * digest, so every byte of a long password affects the hash and nothing is truncated.
 */
public final class PasswordHasher {
    /** The lowest cost the public constructor accepts: 2^12 rounds of the bcrypt key schedule. */
    public static final int MIN_COST = 12;

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private static final int MIN_TEST_COST = 4;
    private static final int MAX_COST = 31;

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifier;

    /**
     * Creates a hasher with the given bcrypt cost, the base-2 logarithm of the rounds.
     *
     * @throws IllegalArgumentException if cost is below {@value #MIN_COST} or above 31
     */
    public PasswordHasher(int cost) {
        this(cost, MIN_COST);
    }

    private PasswordHasher(int cost, int minCost) {
        if (cost < minCost || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between "
                    + minCost + " and " + MAX_COST + ", was " + cost);
        }
        this.cost = cost;
        this.hasher = BCrypt.with(VERSION, LongPasswordStrategies.hashSha512(VERSION));
        this.verifier = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    }

    /**
     * Creates a hasher with a cost as low as 4, which is too weak for stored passwords.
     * Use it only in unit tests, where cost 12 makes each hash take hundreds of milliseconds.
     */
    public static PasswordHasher forTestsWithCost(int cost) {
        return new PasswordHasher(cost, MIN_TEST_COST);
    }

    public int cost() {
        return cost;
    }

    /**
     * Hashes the NFKC form of the password with a fresh random salt.
     *
     * @return a 60-character bcrypt hash such as {@code $2b$12$...}
     * @throws IllegalArgumentException if the password contains an unpaired surrogate, which
     *     UTF-8 cannot encode
     */
    public String hash(Secret password) {
        byte[] bytes = Passwords.utf8(Passwords.normalise(password))
                .orElseThrow(() -> new IllegalArgumentException(
                        "password contains an unpaired surrogate and cannot be encoded as UTF-8"));
        return new String(hasher.hash(cost, bytes), StandardCharsets.US_ASCII);
    }

    /**
     * Verifies the password against a stored $2b$ bcrypt hash of any cost.
     *
     * @return true if they match, and false if they do not, if the stored hash is null or
     *     malformed, or if it uses another bcrypt version such as $2a$
     */
    public boolean verify(Secret password, String storedHash) {
        Objects.requireNonNull(password, "password");
        Optional<byte[]> bytes = Passwords.utf8(Passwords.normalise(password));
        if (storedHash == null || bytes.isEmpty()) {
            return false;
        }
        try {
            byte[] hash = storedHash.getBytes(StandardCharsets.UTF_8);
            return verifier.verifyStrict(bytes.get(), hash).verified;
        } catch (IllegalArgumentException malformedHash) {
            // The library reports most format errors in its result, but raises this exception
            // for an empty hash, a cost outside 4 to 31 and a character outside its alphabet.
            return false;
        }
    }
}
