package dev.sspr.adapter.dynamodb;

import dev.sspr.core.Challenge;
import dev.sspr.core.MethodType;
import dev.sspr.core.ResetSession;
import dev.sspr.core.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a {@link ResetSession} to a sessions-table item and back. Every field of the session has
 * its own attribute; methods and stages are stored by their enum names.
 */
final class SessionItems {
    static final String RESET_ID = "resetId";
    static final String VERSION = "version";
    static final String USERNAME = "username";
    static final String TTL = "ttl";

    /**
     * How long an expired session stays in the table before DynamoDB's TTL may delete it. The core
     * rejects expired sessions by its own clock, so the margin only keeps a finished reset readable
     * for a while, and clock skew under an hour cannot remove a session that is still valid.
     */
    static final Duration TTL_MARGIN = Duration.ofHours(1);

    private static final String CREATED_AT = "createdAt";
    private static final String EXPIRES_AT = "expiresAt";
    private static final String SOURCE_IP = "sourceIp";
    private static final String STAGE = "stage";
    private static final String CAPTCHA_DIGEST = "captchaDigest";
    private static final String CAPTCHA_SEALED = "captchaSealed";
    private static final String CAPTCHA_EXPIRES_AT = "captchaExpiresAt";
    /** The username when it cannot be an index key (empty or too long), so it stays out of the index. */
    private static final String UNINDEXED_USERNAME = "unindexedUsername";
    private static final String KNOWN_USER = "knownUser";
    private static final String OFFERED_METHODS = "offeredMethods";
    private static final String VERIFIED_METHODS = "verifiedMethods";
    private static final String CHALLENGE = "challenge";
    private static final String CHALLENGE_METHOD = "method";
    private static final String CHALLENGE_CODE_DIGEST = "codeDigest";
    private static final String CHALLENGE_ISSUED_AT = "issuedAt";
    private static final String CHALLENGE_EXPIRES_AT = "expiresAt";
    private static final String CHALLENGE_PUSH_ID = "pushChallengeId";
    private static final String CODE_FAILURES = "codeFailures";

    private SessionItems() {
    }

    /** Builds the item for {@code session}, stored with {@code version} instead of the session's own. */
    static Map<String, AttributeValue> toItem(ResetSession session, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(RESET_ID, Items.string(session.id()));
        item.put(VERSION, Items.number(version));
        item.put(CREATED_AT, Items.instant(session.createdAt()));
        item.put(EXPIRES_AT, Items.instant(session.expiresAt()));
        Items.putIfNotNull(item, SOURCE_IP, session.sourceIp());
        item.put(STAGE, Items.string(session.stage().name()));
        Items.putIfNotNull(item, CAPTCHA_DIGEST, session.captchaDigest());
        Items.putIfNotNull(item, CAPTCHA_SEALED, session.captchaSealed());
        Items.putIfNotNull(item, CAPTCHA_EXPIRES_AT, session.captchaExpiresAt());
        putUsername(item, session.username());
        item.put(KNOWN_USER, Items.bool(session.knownUser()));
        item.put(OFFERED_METHODS, methodList(session.offeredMethods()));
        item.put(VERIFIED_METHODS, methodList(session.verifiedMethods()));
        if (session.challenge() != null) {
            item.put(CHALLENGE, challenge(session.challenge()));
        }
        item.put(CODE_FAILURES, codeFailures(session.allCodeFailures()));
        item.put(TTL, Items.number(session.expiresAt().plus(TTL_MARGIN).getEpochSecond()));
        return item;
    }

    static ResetSession fromItem(Map<String, AttributeValue> item) {
        ResetSession session = new ResetSession(
                Items.requiredString(item, RESET_ID),
                Items.requiredInstant(item, CREATED_AT),
                Items.requiredInstant(item, EXPIRES_AT),
                Items.stringOrNull(item, SOURCE_IP));
        session.setVersion(Items.requiredNumber(item, VERSION));
        session.setStage(Stage.parse(Items.requiredString(item, STAGE)));
        session.setCaptcha(Items.stringOrNull(item, CAPTCHA_DIGEST), Items.instantOrNull(item, CAPTCHA_EXPIRES_AT));
        session.setCaptchaSealed(Items.stringOrNull(item, CAPTCHA_SEALED));
        session.setIdentity(username(item), Items.booleanOrFalse(item, KNOWN_USER), methods(item, OFFERED_METHODS));
        methods(item, VERIFIED_METHODS).forEach(session::addVerifiedMethod);
        AttributeValue challenge = item.get(CHALLENGE);
        if (challenge != null) {
            session.setChallenge(challenge(challenge.m()));
        }
        AttributeValue failures = item.get(CODE_FAILURES);
        if (failures != null) {
            failures.m().forEach((method, count) ->
                    session.setCodeFailures(MethodType.valueOf(method), Integer.parseInt(count.n())));
        }
        return session;
    }

    /**
     * Writes the username to the attribute that the username index uses as its key, unless
     * DynamoDB would reject it as a key. Such a username matches no account, because the users
     * table has the same key limits, so leaving it out of the index loses no open reset.
     */
    private static void putUsername(Map<String, AttributeValue> item, String username) {
        if (username == null) {
            return;
        }
        String attribute = Items.isValidPartitionKey(username) ? USERNAME : UNINDEXED_USERNAME;
        item.put(attribute, Items.string(username));
    }

    private static String username(Map<String, AttributeValue> item) {
        String indexed = Items.stringOrNull(item, USERNAME);
        return indexed != null ? indexed : Items.stringOrNull(item, UNINDEXED_USERNAME);
    }

    private static AttributeValue methodList(List<MethodType> methods) {
        List<AttributeValue> names = new ArrayList<>();
        for (MethodType method : methods) {
            names.add(Items.string(method.name()));
        }
        return AttributeValue.fromL(names);
    }

    private static List<MethodType> methods(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        List<MethodType> methods = new ArrayList<>();
        if (value != null) {
            for (AttributeValue method : value.l()) {
                methods.add(MethodType.valueOf(method.s()));
            }
        }
        return methods;
    }

    /** Stores a challenge as a map; a null field is left out, as on the session itself. */
    private static AttributeValue challenge(Challenge challenge) {
        Map<String, AttributeValue> map = new HashMap<>();
        Items.putIfNotNull(map, CHALLENGE_METHOD, challenge.method() == null ? null : challenge.method().name());
        Items.putIfNotNull(map, CHALLENGE_CODE_DIGEST, challenge.codeDigest());
        Items.putIfNotNull(map, CHALLENGE_ISSUED_AT, challenge.issuedAt());
        Items.putIfNotNull(map, CHALLENGE_EXPIRES_AT, challenge.expiresAt());
        Items.putIfNotNull(map, CHALLENGE_PUSH_ID, challenge.pushChallengeId());
        return AttributeValue.fromM(map);
    }

    private static Challenge challenge(Map<String, AttributeValue> map) {
        String method = Items.stringOrNull(map, CHALLENGE_METHOD);
        return new Challenge(
                method == null ? null : MethodType.valueOf(method),
                Items.stringOrNull(map, CHALLENGE_CODE_DIGEST),
                Items.instantOrNull(map, CHALLENGE_ISSUED_AT),
                Items.instantOrNull(map, CHALLENGE_EXPIRES_AT),
                Items.stringOrNull(map, CHALLENGE_PUSH_ID));
    }

    private static AttributeValue codeFailures(Map<MethodType, Integer> failures) {
        Map<String, AttributeValue> map = new HashMap<>();
        failures.forEach((method, count) -> map.put(method.name(), Items.number(count)));
        return AttributeValue.fromM(map);
    }
}
