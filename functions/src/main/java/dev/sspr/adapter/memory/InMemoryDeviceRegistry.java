package dev.sspr.adapter.memory;

import dev.sspr.core.PushDevice;
import dev.sspr.core.port.DeviceRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps enrolled push devices in a map. */
public final class InMemoryDeviceRegistry implements DeviceRegistry {
    private final Map<String, PushDevice> devices = new ConcurrentHashMap<>();

    public void put(PushDevice device) {
        devices.put(device.deviceId(), device);
    }

    @Override
    public Optional<PushDevice> find(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }
}
