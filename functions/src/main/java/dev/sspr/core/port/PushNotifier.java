package dev.sspr.core.port;

import dev.sspr.core.PushDevice;

/**
 * Wakes an authenticator app so it fetches its pending challenges. The notification carries no
 * number and no secret: the app asks the API, with a signed request, for what is pending.
 */
public interface PushNotifier {
    void notify(PushDevice device);
}
