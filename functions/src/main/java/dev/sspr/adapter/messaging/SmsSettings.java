package dev.sspr.adapter.messaging;

import java.util.regex.Pattern;

/**
 * Per-message SMS options for Amazon SNS.
 *
 * @param senderId the alphanumeric sender ID shown on the phone where the destination country
 *     supports one, or null to use the account default
 * @param maxPriceUsd the most one message may cost in US dollars, such as {@code "0.50"}, or null
 *     for no per-message limit
 */
public record SmsSettings(String senderId, String maxPriceUsd) {
    // Sender IDs per the Amazon SNS developer guide ("Publishing to a mobile phone"): 3 to 11
    // letters or digits, with at least one letter and no spaces.
    private static final Pattern SENDER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]{3,11}");
    private static final Pattern PRICE = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,5})?");

    /**
     * Checks both values. A blank value means not set, because CloudFormation passes an empty
     * parameter as an empty string.
     *
     * @throws IllegalArgumentException if a value is set but invalid
     */
    public SmsSettings {
        senderId = blankToNull(senderId);
        maxPriceUsd = blankToNull(maxPriceUsd);
        if (senderId != null && !SENDER_ID.matcher(senderId).matches()) {
            throw new IllegalArgumentException("Invalid SMS sender ID \"" + senderId
                    + "\": use 3 to 11 letters or digits, with at least one letter.");
        }
        if (maxPriceUsd != null && !PRICE.matcher(maxPriceUsd).matches()) {
            throw new IllegalArgumentException("Invalid SMS maximum price \"" + maxPriceUsd
                    + "\": use a price in US dollars such as 0.50.");
        }
    }

    /** Returns settings that leave both options to the account defaults. */
    public static SmsSettings none() {
        return new SmsSettings(null, null);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
