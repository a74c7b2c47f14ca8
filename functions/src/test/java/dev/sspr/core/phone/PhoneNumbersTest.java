package dev.sspr.core.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
    private static final String STORED = "+12055550133";

    @ParameterizedTest
    @ValueSource(strings = {
        "(205) 555-0133", "205.555.0133", "+1 205 555 0133", "1-205-555-0133", "2055550133",
        "  205 555 0133  ", "205\u2013555\u20130133",
        "\uFF12\uFF10\uFF15\uFF15\uFF15\uFF15\uFF10\uFF11\uFF13\uFF13"
    })
    void toE164_parsesUsFormats(String typed) {
        assertEquals(Optional.of(STORED), PhoneNumbers.toE164(typed, "US"));
    }

    @Test
    void toE164_acceptsFictional555Number() {
        // 555-0100 to 555-0199 are reserved for fiction. If libphonenumber stops calling them
        // valid, this fails, and tests and demos need other numbers or an explicit rule.
        assertEquals(Optional.of(STORED), PhoneNumbers.toE164("+1 205 555 0133", null));
        assertEquals(Optional.of("+12055550100"), PhoneNumbers.toE164("205 555 0100", "US"));
        assertEquals(Optional.of("+12055550199"), PhoneNumbers.toE164("205 555 0199", "US"));
    }

    @Test
    void toE164_parsesOtherCountries() {
        assertEquals(Optional.of("+442079460018"), PhoneNumbers.toE164("020 7946 0018", "GB"));
        assertEquals(Optional.of("+442079460018"), PhoneNumbers.toE164("+44 20 7946 0018", "US"));
        assertEquals(Optional.of("+4930901820"), PhoneNumbers.toE164("030 901820", "DE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "205-555-0133 ext. 12", "205-555-0133 x12", "205 555 0133 x 12",
        "205-555-0133 extension 12", "+1 (205) 555-0133;ext=5", "+1 205 555 0133 #12",
        "205-555-0133, 12"
    })
    void toE164_rejectsExtension(String typed) {
        assertEquals(Optional.empty(), PhoneNumbers.toE164(typed, "US"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "not a number", "555-0133", "+1 205 555 013", "+1 205 555 01333",
        "205-555-0133 ext.", "+1 205 555 0133 +1 205 555 0144"
    })
    void toE164_rejectsUnparseableOrInvalid(String typed) {
        assertEquals(Optional.empty(), PhoneNumbers.toE164(typed, "US"));
    }

    @Test
    void toE164_rejectsPossibleButInvalidNumber() {
        // Area code 111 does not exist, although the number has a possible NANP length.
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        assertTrue(util.isPossibleNumber("+1 111 555 0133", "US"));

        assertEquals(Optional.empty(), PhoneNumbers.toE164("+1 111 555 0133", "US"));
    }

    @Test
    void toE164_rejectsNull() {
        assertEquals(Optional.empty(), PhoneNumbers.toE164(null, "US"));
    }

    @Test
    void toE164_needsRegionWithoutCountryCode() {
        assertEquals(Optional.empty(), PhoneNumbers.toE164("205 555 0133", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(205) 555-0133", "205.555.0133", "+1 205 555 0133", "1-205-555-0133"})
    void matches_acceptsSameNumberInAnyFormat(String typed) {
        assertTrue(PhoneNumbers.matches(typed, STORED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(205) 555-0134", "+44 20 7946 0018", "555-0133", "", "abc"})
    void matches_rejectsDifferentNumber(String typed) {
        assertFalse(PhoneNumbers.matches(typed, STORED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"205-555-0133 ext. 12", "205-555-0133 x12"})
    void matches_rejectsExtension(String typed) {
        assertFalse(PhoneNumbers.matches(typed, STORED));
    }

    @Test
    void matches_rejectsNull() {
        assertFalse(PhoneNumbers.matches(null, STORED));
    }

    @Test
    void matches_readsTypedNumberInStoredRegion() {
        assertTrue(PhoneNumbers.matches("020 7946 0018", "+442079460018"));
        assertFalse(PhoneNumbers.matches("020 7946 0018", STORED));
    }

    @Test
    void matches_rejectsMalformedStoredNumber() {
        assertThrows(IllegalArgumentException.class,
                () -> PhoneNumbers.matches("205 555 0133", "2055550133"));
    }

    @Test
    void mask_showsLastTwoDigits() {
        assertEquals("*****33", PhoneNumbers.mask(STORED));
        assertEquals("*****18", PhoneNumbers.mask("+442079460018"));
    }

    @Test
    void mask_hasSameLengthForEveryNumber() {
        assertEquals(PhoneNumbers.mask(STORED).length(), PhoneNumbers.mask("+4930901820").length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2055550133", "+0205555", "+1", "+1205555013x", "+1234567890123456"
    })
    void mask_rejectsNonE164(String value) {
        assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.mask(value));
    }

    @Test
    void mask_rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.mask(null));
    }

    @Test
    void regionOf_returnsRegionOfNumber() {
        assertEquals("US", PhoneNumbers.regionOf(STORED));
        assertEquals("GB", PhoneNumbers.regionOf("+442079460018"));
        assertEquals("DE", PhoneNumbers.regionOf("+4930901820"));
        assertEquals("CA", PhoneNumbers.regionOf("+14165550123"));
    }

    @Test
    void regionOf_usesMainRegionForUnknownArea() {
        // Area code 111 does not exist, so no region contains this number.
        assertEquals("US", PhoneNumbers.regionOf("+11115550133"));
    }

    @Test
    void regionOf_returnsNonGeographicRegion() {
        assertEquals("001", PhoneNumbers.regionOf("+80012345678"));
    }

    @Test
    void regionOf_rejectsUnknownCountryCode() {
        assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.regionOf("+9991234567"));
    }

    @Test
    void regionOf_rejectsNonE164() {
        assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.regionOf("(205) 555-0133"));
    }
}
