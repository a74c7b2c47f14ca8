package dev.sspr.core.port;

import dev.sspr.core.Secret;
import dev.sspr.core.TransientDeliveryException;
import dev.sspr.core.VoiceScript;

/** Calls a phone and reads a script aloud. */
public interface VoiceCaller {

    /**
     * Calls {@code toE164} and speaks {@code script}.
     *
     * @throws TransientDeliveryException when the provider fails in a way worth retrying
     */
    void call(String toE164, Secret script);

    /**
     * Calls {@code toE164} and speaks a structured script. The default speaks the script's plain
     * text. A caller that can mark up speech, such as with SSML, overrides it to control how the
     * digits of a code are read.
     *
     * @throws TransientDeliveryException when the provider fails in a way worth retrying
     */
    default void call(String toE164, VoiceScript script) {
        call(toE164, script.plainText());
    }
}
