package dev.sspr.core;

import java.util.Locale;
import java.util.Optional;

/** A verification method, with the wire name the API uses and the authenticator it relies on. */
public enum MethodType {
    SMS("sms", Authenticator.PHONE),
    VOICE("voice", Authenticator.PHONE),
    PUSH("push", Authenticator.APP),
    TOTP("totp", Authenticator.APP);

    private final String wireName;
    private final Authenticator authenticator;

    MethodType(String wireName, Authenticator authenticator) {
        this.wireName = wireName;
        this.authenticator = authenticator;
    }

    public String wireName() {
        return wireName;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public boolean usesPhone() {
        return authenticator == Authenticator.PHONE;
    }

    /** Finds the method for a wire name such as {@code "sms"}; empty for anything else. */
    public static Optional<MethodType> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (MethodType type : values()) {
            if (type.wireName.equals(lower)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
