package dev.sspr.core;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The words of a call that reads a one-time code aloud, with the code read twice, one digit at a
 * time. A caller that speaks SSML renders each {@link Part} itself. Any other caller speaks
 * {@link #plainText()}.
 */
public final class VoiceScript {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final List<Part> parts;

    private VoiceScript(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** One piece of a script: words spoken as written, or digits read one at a time. */
    public sealed interface Part permits Words, Digits {
    }

    /** Words spoken as written. They are not secret, so the code goes in {@link Digits} instead. */
    public record Words(String text) implements Part {
        public Words {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Digits read one at a time, such as a one-time code. */
    public record Digits(Secret digits) implements Part {
        public Digits {
            Objects.requireNonNull(digits, "digits");
            if (!DIGITS.matcher(digits.reveal()).matches()) {
                throw new IllegalArgumentException("Invalid digits: only 0-9 are allowed. The value is hidden.");
            }
        }
    }

    /**
     * Builds the script of a code call.
     *
     * @throws IllegalArgumentException if the code has a character other than 0-9
     */
    public static VoiceScript forCode(Secret code) {
        Digits digits = new Digits(code);
        return new VoiceScript(List.of(
                new Words("This is your password reset call. Your code is:"),
                digits,
                new Words("Again, your code is:"),
                digits,
                new Words("Goodbye.")));
    }

    public List<Part> parts() {
        return parts;
    }

    /**
     * Renders the script as text for a text-to-speech engine: the digits are separated by commas
     * and end with a full stop, so the engine pauses after each digit and after the code.
     */
    public Secret plainText() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (text.length() > 0) {
                text.append(' ');
            }
            if (part instanceof Words words) {
                text.append(words.text());
            } else if (part instanceof Digits digits) {
                text.append(String.join(", ", digits.digits().reveal().split(""))).append('.');
            }
        }
        return Secret.of(text.toString());
    }

    @Override
    public String toString() {
        return "VoiceScript[hidden]";
    }
}
