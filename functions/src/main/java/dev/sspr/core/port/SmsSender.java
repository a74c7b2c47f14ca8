package dev.sspr.core.port;

import dev.sspr.core.Secret;
import dev.sspr.core.TransientDeliveryException;

/** Sends a text message to a mobile number. */
public interface SmsSender {

    /**
     * Sends {@code text} to {@code toE164}. The text is a {@link Secret} because it may carry a code.
     *
     * @throws TransientDeliveryException when the provider fails in a way worth retrying
     */
    void send(String toE164, Secret text);
}
