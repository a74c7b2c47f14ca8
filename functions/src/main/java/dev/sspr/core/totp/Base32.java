package dev.sspr.core.totp;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/** Decoder for RFC 4648 Base32 (A to Z, 2 to 7), the encoding of authenticator secrets. */
public final class Base32 {
    private static final char PADDING = '=';
    private static final int BITS_PER_CHARACTER = 5;
    private static final int CHARACTERS_PER_BLOCK = 8;

    private Base32() {
    }

    /**
     * Decodes Base32 text into bytes.
     *
     * <p>Letters may be in either case, and whitespace anywhere is ignored, so a secret copied in
     * groups such as "JBSW Y3DP" decodes. Padding with '=' is optional, but when present it must
     * end the text and complete the last 8-character block. Leftover bits in the last character
     * are discarded without checking that they are zero. RFC 4648 section 3.5 permits that, and
     * it keeps secrets from generators that pick random Base32 characters usable.
     *
     * @throws IllegalArgumentException if the text contains a character outside the alphabet,
     *     misplaced padding, or a length that no Base32 encoder produces. The message gives the
     *     position but not the character, because the text is usually a secret.
     */
    public static byte[] decode(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int buffer = 0;
        int bufferedBits = 0;
        int dataLength = 0;
        int paddingLength = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            if (c == PADDING) {
                paddingLength++;
                continue;
            }
            int value = valueOf(c);
            if (value < 0 || paddingLength > 0) {
                throw new IllegalArgumentException("Base32 text has an invalid character at "
                        + "position " + (i + 1) + ". Use only the letters A to Z and the digits "
                        + "2 to 7, with '=' padding only at the end.");
            }
            dataLength++;
            buffer = (buffer << BITS_PER_CHARACTER) | value;
            bufferedBits += BITS_PER_CHARACTER;
            if (bufferedBits >= Byte.SIZE) {
                bufferedBits -= Byte.SIZE;
                bytes.write(buffer >> bufferedBits);
                buffer &= (1 << bufferedBits) - 1;
            }
        }
        checkLength(dataLength, paddingLength);
        return bytes.toByteArray();
    }

    /** Returns the 5-bit value of an ASCII Base32 character, or -1 for any other character. */
    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }

    /**
     * Rejects lengths that no encoder produces. A last block of 1, 3 or 6 characters cannot
     * encode whole bytes, which usually means the secret was truncated when it was copied.
     */
    private static void checkLength(int dataLength, int paddingLength) {
        int lastBlock = dataLength % CHARACTERS_PER_BLOCK;
        if (lastBlock == 1 || lastBlock == 3 || lastBlock == 6) {
            throw new IllegalArgumentException("Base32 text has an invalid length of " + dataLength
                    + " characters. Check that the secret was copied completely.");
        }
        boolean completesBlock = (dataLength + paddingLength) % CHARACTERS_PER_BLOCK == 0;
        if (paddingLength > 0 && (!completesBlock || paddingLength >= CHARACTERS_PER_BLOCK)) {
            throw new IllegalArgumentException("Base32 text has " + paddingLength
                    + " padding characters, which do not complete its last 8-character block.");
        }
    }
}
