package dev.sspr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamesTest {
    private final Usernames usernames = new Usernames("Example.gov");

    @ParameterizedTest
    @ValueSource(strings = {"cs0101", "CS0101", " cs0101 ", " CS0101@Example.GOV\t", "\u00a0cs0101\u2003",
        "cs0101@example.gov\n", "\u3000cs0101\u0085", "\uff43\uff53\uff10\uff11\uff10\uff11"})
    void normalise_mapsVariantsToOneKey(String typed) {
        assertEquals("cs0101", usernames.normalise(typed));
    }

    @Test
    void normalise_keepsMathematicalAndCircledLetters() {
        assertFalse(usernames.normalise("\uD835\uDC1C\uD835\uDC2C0101").equals("cs0101"));
        assertFalse(usernames.normalise("\u24D2\u24E20101").equals("cs0101"));
    }

    @Test
    void normalise_keepsAnotherDomain() {
        assertEquals("cs0101@example.com", usernames.normalise("cs0101@Example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cs 0101", "cs\u200b0101", "cs\u00a00101", "cs\t0101", "cs\u00ad0101", ""})
    void isPlausible_rejectsInnerWhitespaceAndInvisibles(String typed) {
        assertFalse(Usernames.isPlausible(usernames.normalise(typed)));
    }

    @Test
    void isPlausible_acceptsOrdinaryNames() {
        assertTrue(Usernames.isPlausible("cs0101"));
        assertTrue(Usernames.isPlausible("jane.doe-smith"));
    }
}
