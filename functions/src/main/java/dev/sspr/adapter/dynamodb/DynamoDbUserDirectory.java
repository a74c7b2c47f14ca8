package dev.sspr.adapter.dynamodb;

import dev.sspr.core.ConcurrentUpdateException;
import dev.sspr.core.Secret;
import dev.sspr.core.UserAccount;
import dev.sspr.core.password.PasswordHistoryEntry;
import dev.sspr.core.port.UserDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Keeps user accounts in a DynamoDB table keyed by the normalised {@code username}.
 *
 * <p>Each change is one conditional write, so it is atomic without a lock: a password change
 * needs the version the caller read, and a TOTP step is accepted only if it is newer than the
 * stored one. Both changes raise the version by one, as {@link UserAccount#withPassword} and
 * {@link UserAccount#withLastTotpStep} do. Reads are strongly consistent. Errors other than a
 * failed condition reach the caller as the SDK's RuntimeExceptions, after the client's retries.
 */
public final class DynamoDbUserDirectory implements UserDirectory {
    /** The condition of {@link #changePassword}: the account is still at the version the caller read. */
    static final String CHANGE_PASSWORD_CONDITION = "#version = :expected";

    /** The condition of {@link #acceptTotpStep}: the account exists and no step as new was accepted. */
    static final String ACCEPT_TOTP_STEP_CONDITION =
            "attribute_exists(#username) AND (attribute_not_exists(#lastTotpStep) OR #lastTotpStep < :step)";

    private final DynamoDbClient client;
    private final String tableName;
    private final TotpSecretSeal totpSeal;

    /** Keeps accounts in {@code tableName}, with TOTP secrets encrypted by {@code totpSeal}. */
    public DynamoDbUserDirectory(DynamoDbClient client, String tableName, TotpSecretSeal totpSeal) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.totpSeal = Objects.requireNonNull(totpSeal, "totpSeal");
    }

    /** Adds or replaces an account, as enrolment and seeding do; the stored version is the account's. */
    public void put(UserAccount account) {
        client.putItem(request -> request.tableName(tableName).item(UserItems.toItem(account, totpSeal)));
    }

    /**
     * Adds an account unless one with its username exists, which is left unchanged.
     *
     * @return true when the account was added
     */
    public boolean putIfAbsent(UserAccount account) {
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName)
                .item(UserItems.toItem(account, totpSeal))
                .conditionExpression("attribute_not_exists(#username)")
                .expressionAttributeNames(Map.of("#username", UserItems.USERNAME))
                .build();
        try {
            client.putItem(request);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<UserAccount> find(String username) {
        if (!Items.isValidPartitionKey(username)) {
            // DynamoDB rejects such a key, and no account can have it, so it is simply not found.
            return Optional.empty();
        }
        GetItemResponse response = client.getItem(request -> request
                .tableName(tableName)
                .key(key(username))
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        UserAccount account = UserItems.fromItem(response.item(), totpSeal);
        String legacySecret = UserItems.legacyTotpSecret(response.item());
        if (legacySecret != null) {
            encryptLegacySecret(account, legacySecret);
        }
        return Optional.of(account);
    }

    /**
     * Replaces a TOTP secret stored in plain text, before encryption existed, by its encrypted
     * form. The write is conditional on the plain value read, so a parallel change wins and the
     * next read tries again. It leaves the version alone, because the account did not change.
     */
    private void encryptLegacySecret(UserAccount account, String legacySecret) {
        try {
            client.updateItem(request -> request
                    .tableName(tableName)
                    .key(key(account.username()))
                    .updateExpression("SET #sealed = :sealed REMOVE #legacy")
                    .conditionExpression("#legacy = :legacy")
                    .expressionAttributeNames(Map.of("#sealed", UserItems.TOTP_SECRET_SEALED,
                            "#legacy", UserItems.LEGACY_TOTP_SECRET))
                    .expressionAttributeValues(Map.of(
                            ":sealed", Items.string(totpSeal.seal(account.username(), Secret.of(legacySecret))),
                            ":legacy", Items.string(legacySecret))));
        } catch (ConditionalCheckFailedException e) {
            // Changed since the read, so the next read encrypts what is stored then.
        } catch (DynamoDbException e) {
            // The account was read, so the step goes on, and the next read tries again.
            System.out.println("{\"level\":\"WARN\",\"event\":\"totp_secret_encryption_failed\",\"exception\":\""
                    + e.getClass().getName() + "\"}");
        }
    }

    @Override
    public void changePassword(String username, String newHash, Instant changedAt,
            List<PasswordHistoryEntry> history, long expectedVersion) {
        if (!Items.isValidPartitionKey(username)) {
            throw new ConcurrentUpdateException("Account not found: the username is empty or too long to be a key");
        }
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key(username))
                .updateExpression("SET #passwordHash = :hash, #passwordChangedAt = :changedAt,"
                        + " #passwordHistory = :history, #version = :next")
                .conditionExpression(CHANGE_PASSWORD_CONDITION)
                .expressionAttributeNames(Map.of(
                        "#passwordHash", UserItems.PASSWORD_HASH,
                        "#passwordChangedAt", UserItems.PASSWORD_CHANGED_AT,
                        "#passwordHistory", UserItems.PASSWORD_HISTORY,
                        "#version", UserItems.VERSION))
                .expressionAttributeValues(Map.of(
                        ":hash", Items.string(newHash),
                        ":changedAt", Items.instant(changedAt),
                        ":history", UserItems.historyValue(history),
                        ":expected", Items.number(expectedVersion),
                        ":next", Items.number(expectedVersion + 1)))
                .build();
        try {
            client.updateItem(request);
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(
                    "Account " + username + " changed since version " + expectedVersion + " or does not exist");
        }
    }

    @Override
    public boolean acceptTotpStep(String username, long step) {
        if (step < 0 || !Items.isValidPartitionKey(username)) {
            // A step below 0 is never newer than "none accepted" (-1), and no account has such a key.
            return false;
        }
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key(username))
                .updateExpression("SET #lastTotpStep = :step, #version = #version + :one")
                .conditionExpression(ACCEPT_TOTP_STEP_CONDITION)
                .expressionAttributeNames(Map.of(
                        "#username", UserItems.USERNAME,
                        "#lastTotpStep", UserItems.LAST_TOTP_STEP,
                        "#version", UserItems.VERSION))
                .expressionAttributeValues(Map.of(
                        ":step", Items.number(step),
                        ":one", Items.number(1)))
                .build();
        try {
            client.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String username) {
        return Map.of(UserItems.USERNAME, Items.string(username));
    }
}
