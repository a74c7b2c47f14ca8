package dev.sspr.core.port;

import dev.sspr.core.PushDevice;
import java.util.Optional;

/** The authenticator apps enrolled for push approval. */
public interface DeviceRegistry {
    Optional<PushDevice> find(String deviceId);
}
