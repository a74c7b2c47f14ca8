package dev.sspr.core.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses, compares and masks phone numbers with libphonenumber. Stored numbers are in E.164
 * form, such as {@code +12055550133}.
 *
 * <p>A number with an extension is never accepted, because a text message cannot be sent to an
 * extension. A new number is accepted only if libphonenumber's metadata calls it valid, which
 * checks its length and prefixes for its region. A number that is only possible, such as
 * +1 111 555 0133 with an area code that does not exist, is rejected.
 *
 * <p>The NANP numbers 555-0100 to 555-0199 are reserved for fiction, but libphonenumber 9.0.19
 * calls them valid (for example +1 205 555 0133), so tests and demos can use them without a
 * special case. A test checks this, so a metadata update that changes it fails the build.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** E.164: a plus sign, then 2 to 15 digits of which the first is not zero. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private static final String MASK = "*****";

    private PhoneNumbers() {
    }

    /**
     * Parses a typed phone number into E.164 form.
     *
     * @param typed the number as the person typed it, with any punctuation
     * @param defaultRegion the ISO 3166 region code, such as "US", for a number typed without a
     *     country code. It may be null when the number starts with '+'.
     * @return the E.164 number, or empty if the text is null or blank, cannot be parsed, is not a
     *     valid number, or has an extension such as "ext. 12" or "x12"
     */
    public static Optional<String> toE164(String typed, String defaultRegion) {
        return parseWithoutExtension(typed, defaultRegion)
                .filter(UTIL::isValidNumber)
                .map(number -> UTIL.format(number, PhoneNumberFormat.E164));
    }

    /**
     * Returns whether a typed number is the stored number. A typed number without a country code
     * is read in the region of the stored number, so "(205) 555-0133" matches +12055550133.
     * A typed number with an extension never matches.
     *
     * <p>The typed number need not pass {@code isValidNumber}. It must equal the stored number,
     * and a metadata update should not lock out a person whose stored number it no longer calls
     * valid.
     *
     * @throws IllegalArgumentException if storedE164 is not an E.164 number
     */
    public static boolean matches(String typed, String storedE164) {
        String region = regionOf(storedE164);
        Optional<String> typedE164 = parseWithoutExtension(typed, region)
                .map(number -> UTIL.format(number, PhoneNumberFormat.E164));
        if (typedE164.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                typedE164.get().getBytes(StandardCharsets.US_ASCII),
                storedE164.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Masks an E.164 number for display as five asterisks and its last two digits, such as
     * {@code *****33}. The mask has the same length for every number, so it does not reveal
     * how many digits the number has.
     *
     * @throws IllegalArgumentException if e164 is not an E.164 number
     */
    public static String mask(String e164) {
        requireE164(e164);
        return MASK + e164.substring(e164.length() - 2);
    }

    /**
     * Returns the ISO 3166 region code of an E.164 number, such as "US" for +12055550133.
     *
     * <p>A non-geographic number, such as one with country code +800, gets "001". A number that
     * libphonenumber places in no region, such as one with an unused area code, gets the main
     * region of its country code, such as "US" for +1.
     *
     * @throws IllegalArgumentException if e164 is not an E.164 number
     */
    public static String regionOf(String e164) {
        requireE164(e164);
        PhoneNumber number;
        try {
            number = UTIL.parse(e164, null);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("Phone number has an unknown country code or "
                    + "length: " + e.getErrorType(), e);
        }
        String region = UTIL.getRegionCodeForNumber(number);
        return region != null ? region : UTIL.getRegionCodeForCountryCode(number.getCountryCode());
    }

    private static Optional<PhoneNumber> parseWithoutExtension(String typed, String defaultRegion) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(typed, defaultRegion);
            return number.hasExtension() ? Optional.empty() : Optional.of(number);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Checks the form only. The message leaves out the value, because it is personal data. */
    private static void requireE164(String e164) {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("Phone number is not in E.164 form, such as "
                    + "+12055550133. Store numbers in the form that toE164 returns.");
        }
    }
}
