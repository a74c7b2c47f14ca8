package dev.sspr.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticator app's side of push approval. Every request is signed with the device's
 * enrolled key (see {@link DeviceSignatures}). The app lists the pending requests of its user, and
 * the person approves one by typing the number the reset page shows, or denies it.
 */
public final class DeviceApi {
    private final ResetCore core;
    private final PushVerification push;

    public DeviceApi(ResetCore core) {
        this.core = core;
        this.push = new PushVerification(core);
    }

    /** A device request as it arrived: what was signed, and the signature headers. */
    public record SignedRequest(String deviceId, String httpMethod, String path, String rawBody, String timestamp,
            String signature) {
    }

    /** Handles {@code GET /v1/devices/{deviceId}/challenges}: the user's pending push requests. */
    public ApiResponse pending(SignedRequest request, RequestContext context) {
        Optional<PushDevice> device = authenticate(request);
        if (device.isEmpty()) {
            return ApiResponse.error(ErrorCode.DEVICE_UNAUTHORIZED);
        }
        Instant now = core.clock.instant();
        List<Map<String, Object>> challenges = core.pushChallenges.findOpen(device.get().username(), now).stream()
                .filter(this::resetIsOpen)
                .map(DeviceApi::challengeJson)
                .toList();
        return ApiResponse.of(200, Map.of("challenges", challenges));
    }

    /**
     * Handles {@code POST /v1/devices/{deviceId}/challenges/{challengeId}} with
     * {@code {"decision": "approve", "number": "42"}} or {@code {"decision": "deny"}}. A wrong number
     * or a denial refuses the request and counts as a failed verification of the user.
     */
    public ApiResponse respond(SignedRequest request, String challengeId, Map<String, Object> body,
            RequestContext context) {
        Optional<PushDevice> device = authenticate(request);
        if (device.isEmpty()) {
            return ApiResponse.error(ErrorCode.DEVICE_UNAUTHORIZED);
        }
        Optional<String> unexpected = RequestFields.unknownField(body, Set.of("decision", "number"));
        if (unexpected.isPresent()) {
            return RequestFields.unknown(unexpected.get());
        }
        Optional<String> decision = RequestFields.string(body, "decision", 16)
                .filter(value -> value.equals("approve") || value.equals("deny"));
        if (decision.isEmpty()) {
            return RequestFields.invalid("decision");
        }
        Optional<String> number = RequestFields.string(body, "number", 16);
        if (decision.get().equals("approve") && number.isEmpty()) {
            return RequestFields.invalid("number");
        }

        Instant now = core.clock.instant();
        Optional<PushChallenge> challenge = core.pushChallenges.find(challengeId == null ? "" : challengeId)
                .filter(found -> found.username().equals(device.get().username()))
                .filter(found -> found.isOpen(now))
                .filter(this::resetIsOpen);
        if (challenge.isEmpty()) {
            return ApiResponse.error(ErrorCode.CHALLENGE_NOT_FOUND);
        }
        if (decision.get().equals("deny")) {
            return refuse(challenge.get(), PushChallenge.Status.DENIED, context, now);
        }
        String typed = number.get().strip();
        boolean matches = KeyedDigests.sameDigest(challenge.get().numberDigest(),
                push.numberDigest(challenge.get().id(), typed));
        if (!matches) {
            return refuse(challenge.get(), PushChallenge.Status.WRONG_NUMBER, context, now);
        }
        if (!core.pushChallenges.complete(challenge.get().id(), PushChallenge.Status.APPROVED)) {
            return ApiResponse.error(ErrorCode.CHALLENGE_NOT_FOUND);
        }
        audit(challenge.get(), context, "approved");
        return ApiResponse.of(200, Map.of("status", "approved"));
    }

    /** Tells whether the reset that sent the push is still open, not finished, cancelled or expired. */
    private boolean resetIsOpen(PushChallenge challenge) {
        return Flow.load(core, challenge.resetId()).filter(session -> session.stage().isVerification()).isPresent();
    }

    private ApiResponse refuse(PushChallenge challenge, PushChallenge.Status status, RequestContext context,
            Instant now) {
        if (!core.pushChallenges.complete(challenge.id(), status)) {
            return ApiResponse.error(ErrorCode.CHALLENGE_NOT_FOUND);
        }
        core.userLimits.recordFailure(challenge.username(), now);
        if (status == PushChallenge.Status.DENIED) {
            audit(challenge, context, "denied");
            return ApiResponse.of(200, Map.of("status", "denied"));
        }
        audit(challenge, context, "number_mismatch");
        return ApiResponse.error(ErrorCode.NUMBER_MISMATCH);
    }

    private Optional<PushDevice> authenticate(SignedRequest request) {
        if (request.deviceId() == null) {
            return Optional.empty();
        }
        return core.devices.find(request.deviceId())
                .filter(device -> DeviceSignatures.verify(device, request.httpMethod(), request.path(),
                        request.timestamp(), request.rawBody(), request.signature(), core.clock.instant()));
    }

    private void audit(PushChallenge challenge, RequestContext context, String outcome) {
        core.audit.record(new AuditEvent(core.clock.instant(), ResetIds.reference(challenge.resetId()),
                challenge.username(),
                "push_response", MethodType.PUSH.wireName(), outcome, context.sourceIp(), context.userAgent()));
    }

    private static Map<String, Object> challengeJson(PushChallenge challenge) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("challengeId", challenge.id());
        json.put("requestedAt", Flow.iso(challenge.createdAt()));
        json.put("expiresAt", Flow.iso(challenge.expiresAt()));
        json.put("requestedFrom", challenge.requestedFrom());
        return json;
    }
}
