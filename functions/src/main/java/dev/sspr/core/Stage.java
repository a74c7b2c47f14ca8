package dev.sspr.core;

/**
 * The stage of a reset session. The names match the stage values that the state machine's Choice
 * states compare against, so renaming one means changing the definition too.
 */
public enum Stage {
    CAPTCHA,
    VERIFY_1,
    VERIFY_2,
    NEW_PASSWORD,
    /**
     * Claimed by the one password request that writes the new password. A cancel still ends it,
     * so a failed write cannot bring a cancelled reset back.
     */
    SETTING_PASSWORD,
    DONE,
    CANCELLED;

    /** Parses a stored stage name and fails loudly on anything unknown. */
    public static Stage parse(String name) {
        for (Stage stage : values()) {
            if (stage.name().equals(name)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("Unknown reset stage: " + name);
    }

    public boolean isVerification() {
        return this == VERIFY_1 || this == VERIFY_2;
    }
}
