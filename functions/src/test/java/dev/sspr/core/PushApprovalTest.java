package dev.sspr.core;

import static dev.sspr.core.TestCore.CONTEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushApprovalTest {
    private final TestCore test = new TestCore(true);
    private final VerificationStep step = new VerificationStep(test.core);
    private final DeviceApi devices = new DeviceApi(test.core);

    @Test
    void rightNumber_approvesAndAdvancesTheReset() throws Exception {
        String resetId = test.identified("cs0101");
        String number = sendPush(resetId);

        assertEquals("pending", step.verify(resetId, Map.of("method", "push"), CONTEXT).body().get("status"));
        String challengeId = onlyPendingChallenge();
        ApiResponse approved = respond(challengeId, "{\"decision\":\"approve\",\"number\":\"" + number + "\"}");
        ApiResponse verified = step.verify(resetId, Map.of("method", "push"), CONTEXT);

        assertEquals(200, approved.status(), approved.toString());
        assertEquals("approved", approved.body().get("status"));
        assertEquals("VERIFY_2", verified.body().get("stage"));
        assertEquals(List.of("push"), verified.body().get("verified"));
    }

    @Test
    void wrongNumber_refusesAndCountsAFailure() throws Exception {
        String resetId = test.identified("cs0101");
        String number = sendPush(resetId);
        String wrong = number.equals("10") ? "11" : "10";

        ApiResponse refused = respond(onlyPendingChallenge(), "{\"decision\":\"approve\",\"number\":\"" + wrong + "\"}");
        ApiResponse verified = step.verify(resetId, Map.of("method", "push"), CONTEXT);

        assertEquals(400, refused.status());
        assertEquals("number_mismatch", refused.body().get("error"));
        assertEquals("code_invalid", verified.body().get("error"));
        assertEquals(2, verified.body().get("attemptsRemaining"));
        for (int i = 0; i < 4; i++) {
            new VerificationStep(test.core).verify(test.identified("cs0101"),
                    Map.of("method", "totp", "code", "000000"), CONTEXT);
        }
        assertEquals(423, step.verify(test.identified("cs0101"), Map.of("method", "totp", "code", "000000"),
                CONTEXT).status(), "the wrong number was the first of five failures");
    }

    @Test
    void deny_refusesTheReset() throws Exception {
        String resetId = test.identified("cs0101");
        sendPush(resetId);

        ApiResponse denied = respond(onlyPendingChallenge(), "{\"decision\":\"deny\"}");

        assertEquals("denied", denied.body().get("status"));
        assertEquals("code_invalid", step.verify(resetId, Map.of("method", "push"), CONTEXT).body().get("error"));
    }

    @Test
    void secondAnswer_isNotFound() throws Exception {
        String number = sendPush(test.identified("cs0101"));
        String challengeId = onlyPendingChallenge();
        String body = "{\"decision\":\"approve\",\"number\":\"" + number + "\"}";

        assertEquals(200, respond(challengeId, body).status());
        assertEquals("challenge_not_found", respond(challengeId, body).body().get("error"));
    }

    @Test
    void expiredPush_cannotBeApproved() throws Exception {
        String resetId = test.identified("cs0101");
        String number = sendPush(resetId);
        String challengeId = onlyPendingChallenge();

        test.clock.advance(Duration.ofSeconds(60));

        assertEquals(404, respond(challengeId, "{\"decision\":\"approve\",\"number\":\"" + number + "\"}").status());
        assertEquals("code_expired", step.verify(resetId, Map.of("method", "push"), CONTEXT).body().get("error"));
    }

    @Test
    void newPush_closesTheEarlierOne() throws Exception {
        String resetId = test.identified("cs0101");
        sendPush(resetId);
        String first = onlyPendingChallenge();

        test.clock.advance(Duration.ofSeconds(61));
        sendPush(resetId);
        String second = onlyPendingChallenge();

        assertTrue(!first.equals(second));
        assertEquals(PushChallenge.Status.SUPERSEDED, test.pushChallenges.find(first).orElseThrow().status());
    }

    @Test
    void pushOfACancelledReset_cannotBeApproved() throws Exception {
        String resetId = test.identified("cs0101");
        String number = sendPush(resetId);
        String challengeId = onlyPendingChallenge();

        test.sessions.cancelOpenResets("cs0101", "another-reset", test.clock.instant());

        ApiResponse approved = respond(challengeId, "{\"decision\":\"approve\",\"number\":\"" + number + "\"}");
        assertEquals(404, approved.status());
        assertEquals("challenge_not_found", approved.body().get("error"));
    }

    @Test
    void badSignatures_areUnauthorized() throws Exception {
        sendPush(test.identified("cs0101"));
        String path = "/v1/devices/device-1/challenges";
        long now = test.clock.instant().getEpochSecond();
        String valid = sign("GET", path, now, "");

        assertEquals(200, devices.pending(request(path, now, "", valid), CONTEXT).status());
        assertEquals(401, devices.pending(request(path, now, "", null), CONTEXT).status());
        assertEquals(401, devices.pending(request(path + "x", now, "", valid), CONTEXT).status());
        assertEquals(401, devices.pending(request(path, now - 301, "", sign("GET", path, now - 301, "")), CONTEXT)
                .status());
        assertEquals(401, devices.pending(request(path, now, "", "bm90IGEgc2lnbmF0dXJl"), CONTEXT).status());
        DeviceApi.SignedRequest unknownDevice = new DeviceApi.SignedRequest("device-9", "GET", path, "",
                String.valueOf(now), valid);
        assertEquals("device_unauthorized", devices.pending(unknownDevice, CONTEXT).body().get("error"));
    }

    @Test
    void unknownUser_getsANumberThatIsNeverApprovable() throws Exception {
        String resetId = unknownUserOfferedPush();
        ApiResponse sent = step.challenge(resetId, Map.of("method", "push"), CONTEXT);

        assertEquals(202, sent.status());
        assertTrue(((String) sent.body().get("numberToMatch")).matches("[1-9][0-9]"));
        assertEquals("pending", step.verify(resetId, Map.of("method", "push"), CONTEXT).body().get("status"));
        assertTrue(test.pushesNotified.isEmpty());
        test.clock.advance(Duration.ofSeconds(60));
        assertEquals("code_expired", step.verify(resetId, Map.of("method", "push"), CONTEXT).body().get("error"));
    }

    /** Returns a reset for an unknown username whose decoy methods include push. */
    @SuppressWarnings("unchecked")
    private String unknownUserOfferedPush() {
        for (int i = 0; i < 100; i++) {
            String resetId = (String) new CaptchaStep(test.core).start(CONTEXT).body().get("resetId");
            ApiResponse identified = new IdentifyStep(test.core).identify(resetId,
                    Map.of("username", "nobody" + i, "captcha", TestCore.CAPTCHA_ANSWER), CONTEXT);
            List<Map<String, Object>> methods = (List<Map<String, Object>>) identified.body().get("methods");
            if (methods.stream().anyMatch(method -> "push".equals(method.get("type")))) {
                return resetId;
            }
        }
        throw new AssertionError("no decoy with push among 100 unknown usernames");
    }

    private String sendPush(String resetId) {
        ApiResponse sent = step.challenge(resetId, Map.of("method", "push"), CONTEXT);
        assertEquals(202, sent.status(), sent.toString());
        return (String) sent.body().get("numberToMatch");
    }

    @SuppressWarnings("unchecked")
    private String onlyPendingChallenge() throws Exception {
        String path = "/v1/devices/device-1/challenges";
        long now = test.clock.instant().getEpochSecond();
        ApiResponse pending = devices.pending(request(path, now, "", sign("GET", path, now, "")), CONTEXT);
        List<Map<String, Object>> challenges = (List<Map<String, Object>>) pending.body().get("challenges");
        assertEquals(1, challenges.size(), pending.toString());
        assertTrue(!challenges.get(0).containsKey("number"), "the device never gets the number");
        assertTrue(!pending.toString().contains("numberDigest"), "nor its digest");
        return (String) challenges.get(0).get("challengeId");
    }

    private ApiResponse respond(String challengeId, String body) throws Exception {
        String path = "/v1/devices/device-1/challenges/" + challengeId;
        long now = test.clock.instant().getEpochSecond();
        DeviceApi.SignedRequest request = new DeviceApi.SignedRequest("device-1", "POST", path, body,
                String.valueOf(now), sign("POST", path, now, body));
        Map<String, Object> parsed = new ObjectMapper().readValue(body, new TypeReference<Map<String, Object>>() {
        });
        return devices.respond(request, challengeId, parsed, CONTEXT);
    }

    private static DeviceApi.SignedRequest request(String path, long timestamp, String body, String signature) {
        return new DeviceApi.SignedRequest("device-1", "GET", path, body, String.valueOf(timestamp), signature);
    }

    private String sign(String method, String path, long timestamp, String body) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(test.deviceKeys.getPrivate());
        signer.update(DeviceSignatures.signedText(method, path, timestamp, body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signer.sign());
    }
}
