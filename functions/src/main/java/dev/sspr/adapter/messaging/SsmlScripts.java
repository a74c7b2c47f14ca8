package dev.sspr.adapter.messaging;

import dev.sspr.core.Secret;
import dev.sspr.core.VoiceScript;

/**
 * Renders a {@link VoiceScript} as SSML for Amazon Polly, which End User Messaging uses to speak
 * voice messages. Each digit of a code is its own {@code say-as} element followed by a pause, so
 * that "405912" is read as "four, zero, five, nine, one, two" instead of as a number.
 */
final class SsmlScripts {
    private static final String DIGIT_PAUSE = "<break time=\"400ms\"/>";
    private static final String AFTER_CODE_PAUSE = "<break time=\"1s\"/>";

    private SsmlScripts() {
    }

    /** Returns the SSML document, a secret because it contains the code. */
    static Secret render(VoiceScript script) {
        StringBuilder ssml = new StringBuilder("<speak>");
        for (VoiceScript.Part part : script.parts()) {
            if (part instanceof VoiceScript.Words words) {
                ssml.append(escape(words.text())).append(' ');
            } else if (part instanceof VoiceScript.Digits digits) {
                appendDigits(ssml, digits.digits());
            }
        }
        return Secret.of(ssml.toString().stripTrailing() + "</speak>");
    }

    private static void appendDigits(StringBuilder ssml, Secret digits) {
        for (char digit : digits.reveal().toCharArray()) {
            ssml.append("<say-as interpret-as=\"digits\">").append(digit).append("</say-as>").append(DIGIT_PAUSE);
        }
        ssml.append(AFTER_CODE_PAUSE);
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
