package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sspr.core.VoiceScript.Digits;
import dev.sspr.core.VoiceScript.Words;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceScriptTest {

    @Test
    void plainText_readsDigitsOneByOneTwice() {
        VoiceScript script = VoiceScript.forCode(Secret.of("405912"));

        assertEquals("This is your password reset call. Your code is: 4, 0, 5, 9, 1, 2."
                + " Again, your code is: 4, 0, 5, 9, 1, 2. Goodbye.", script.plainText().reveal());
    }

    @Test
    void parts_keepTheCodeApartFromTheWords() {
        List<VoiceScript.Part> parts = VoiceScript.forCode(Secret.of("405912")).parts();

        assertEquals(5, parts.size());
        assertInstanceOf(Words.class, parts.get(0));
        assertEquals("405912", assertInstanceOf(Digits.class, parts.get(1)).digits().reveal());
        assertInstanceOf(Words.class, parts.get(2));
        assertEquals("405912", assertInstanceOf(Digits.class, parts.get(3)).digits().reveal());
        assertEquals("Goodbye.", assertInstanceOf(Words.class, parts.get(4)).text());
    }

    @Test
    void forCode_rejectsNonDigits() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> VoiceScript.forCode(Secret.of("12a456")));

        assertFalse(error.getMessage().contains("12a456"));
    }

    @Test
    void toString_hidesTheCode() {
        VoiceScript script = VoiceScript.forCode(Secret.of("405912"));

        assertFalse(script.toString().contains("405912"));
        assertFalse(script.parts().get(1).toString().contains("405912"));
    }
}
