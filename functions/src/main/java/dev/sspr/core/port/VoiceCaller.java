package dev.sspr.core.port;

import dev.sspr.core.Secret;
import dev.sspr.core.TransientDeliveryException;

/** Calls a phone and reads a script aloud. */
public interface VoiceCaller {

    /**
     * Calls {@code toE164} and speaks {@code script}.
     *
     * @throws TransientDeliveryException when the provider fails in a way worth retrying
     */
    void call(String toE164, Secret script);
}
