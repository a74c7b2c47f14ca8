package dev.sspr.local;

import dev.sspr.adapter.dynamodb.DynamoDbAuditLog;
import dev.sspr.adapter.dynamodb.DynamoDbDeviceRegistry;
import dev.sspr.adapter.dynamodb.DynamoDbLimitStore;
import dev.sspr.adapter.dynamodb.DynamoDbPushChallengeStore;
import dev.sspr.adapter.dynamodb.DynamoDbSessionStore;
import dev.sspr.adapter.dynamodb.DynamoDbUserDirectory;
import dev.sspr.adapter.dynamodb.TotpSecretSeal;
import dev.sspr.adapter.dynamodb.TableDefinitions;
import dev.sspr.adapter.memory.InMemoryAuditLog;
import dev.sspr.adapter.memory.InMemoryDeviceRegistry;
import dev.sspr.adapter.memory.InMemoryLimitStore;
import dev.sspr.adapter.memory.InMemoryPushChallengeStore;
import dev.sspr.adapter.memory.InMemorySessionStore;
import dev.sspr.adapter.memory.InMemoryUserDirectory;
import dev.sspr.core.PushDevice;
import dev.sspr.core.UserAccount;
import dev.sspr.core.password.PasswordHasher;
import dev.sspr.core.password.PasswordHistory;
import dev.sspr.core.port.AuditLog;
import dev.sspr.core.port.DeviceRegistry;
import dev.sspr.core.port.LimitStore;
import dev.sspr.core.port.PushChallengeStore;
import dev.sspr.core.port.SessionStore;
import dev.sspr.core.port.UserDirectory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local runner's stores of sessions, accounts, audit events, rate limits, push challenges and
 * devices: in memory, or in the DynamoDB endpoint given with {@code --dynamodb-endpoint}, in the
 * tables of template.yaml.
 *
 * @param client the DynamoDB client to close with the runner, or null for memory
 */
record LocalStorage(SessionStore sessions, UserDirectory users, AuditLog audit, LimitStore limits,
        PushChallengeStore pushChallenges, DeviceRegistry devices, DynamoDbClient client) implements AutoCloseable {

    /** The table name for each table of template.yaml, fixed so that a restart finds the same data. */
    static final Map<String, String> TABLE_NAMES = tableNames();

    static final Region DEFAULT_REGION = Region.US_EAST_1;
    private static final int IN_MEMORY_AUDIT_EVENTS = 10_000;
    private static final int AUDIT_RETENTION_DAYS = 90;

    /**
     * Keeps everything in memory, with the demo accounts and {@code demoDevice}. The data is gone
     * when the runner stops.
     */
    static LocalStorage inMemory(PasswordHasher hasher, PasswordHistory history, Clock clock, PushDevice demoDevice) {
        InMemoryUserDirectory users = new InMemoryUserDirectory();
        DemoDirectory.seed(users, hasher, history, clock);
        InMemoryDeviceRegistry devices = new InMemoryDeviceRegistry();
        devices.put(demoDevice);
        return new LocalStorage(new InMemorySessionStore(), users, new InMemoryAuditLog(IN_MEMORY_AUDIT_EVENTS),
                new InMemoryLimitStore(), new InMemoryPushChallengeStore(), devices, null);
    }

    /**
     * Keeps everything in the DynamoDB endpoint at {@code endpoint}. Creates any missing table and
     * adds each demo account that the users table lacks, so data survives a restart. Writes
     * {@code demoDevice} over the stored one, because the demo device gets a new key at each start.
     *
     * @param environment the process environment, read for the region and credentials
     * @throws IllegalArgumentException when the endpoint is not an http or https URL
     * @throws IllegalStateException when the endpoint cannot be reached or rejects a request
     */
    static LocalStorage dynamoDb(String endpoint, Map<String, String> environment, PasswordHasher hasher,
            PasswordHistory history, Clock clock, PushDevice demoDevice, TotpSecretSeal totpSeal) {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpointUri(endpoint))
                .region(region(environment))
                .credentialsProvider(credentials(environment))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        try {
            prepare(client, endpoint, hasher, history, clock, demoDevice, totpSeal);
        } catch (SdkException e) {
            client.close();
            throw new IllegalStateException("Failed to prepare the DynamoDB tables at " + endpoint
                    + ". Check that the endpoint is running and accepts these credentials. Cause: " + e.getMessage(), e);
        }
        return new LocalStorage(
                new DynamoDbSessionStore(client, TABLE_NAMES.get("SessionsTable")),
                new DynamoDbUserDirectory(client, TABLE_NAMES.get("UsersTable"), totpSeal),
                new DynamoDbAuditLog(client, TABLE_NAMES.get("AuditTable"), AUDIT_RETENTION_DAYS),
                new DynamoDbLimitStore(client, TABLE_NAMES.get("LimitsTable")),
                new DynamoDbPushChallengeStore(client, TABLE_NAMES.get("PushChallengesTable")),
                new DynamoDbDeviceRegistry(client, TABLE_NAMES.get("DevicesTable")),
                client);
    }

    private static void prepare(DynamoDbClient client, String endpoint, PasswordHasher hasher,
            PasswordHistory history, Clock clock, PushDevice demoDevice, TotpSecretSeal totpSeal) {
        for (String table : TableDefinitions.fromClasspath().ensureTables(client, TABLE_NAMES)) {
            System.out.println("Created DynamoDB table " + table + " at " + endpoint);
        }
        DynamoDbUserDirectory users = new DynamoDbUserDirectory(client, TABLE_NAMES.get("UsersTable"), totpSeal);
        for (UserAccount account : DemoDirectory.accounts(hasher, history, clock)) {
            if (users.putIfAbsent(account)) {
                System.out.println("Added demo account " + account.username() + " to " + TABLE_NAMES.get("UsersTable"));
            }
        }
        new DynamoDbDeviceRegistry(client, TABLE_NAMES.get("DevicesTable")).put(demoDevice);
    }

    /** Uses AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1, so no region lookup leaves the machine. */
    static Region region(Map<String, String> environment) {
        for (String name : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Region.of(value.trim());
            }
        }
        return DEFAULT_REGION;
    }

    /**
     * Uses the keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN when set),
     * else the profile named by AWS_PROFILE, else dummy keys that a local emulator accepts. Unlike
     * the SDK's default chain, this never queries a container or instance metadata endpoint.
     */
    static AwsCredentialsProvider credentials(Map<String, String> environment) {
        String accessKey = environment.get("AWS_ACCESS_KEY_ID");
        String secretKey = environment.get("AWS_SECRET_ACCESS_KEY");
        if (isSet(accessKey) && isSet(secretKey)) {
            String sessionToken = environment.get("AWS_SESSION_TOKEN");
            AwsCredentials credentials = isSet(sessionToken)
                    ? AwsSessionCredentials.create(accessKey, secretKey, sessionToken)
                    : AwsBasicCredentials.create(accessKey, secretKey);
            return StaticCredentialsProvider.create(credentials);
        }
        String profile = environment.get("AWS_PROFILE");
        if (isSet(profile)) {
            return ProfileCredentialsProvider.create(profile);
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    static URI endpointUri(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme();
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below with the usual message.
        }
        throw new IllegalArgumentException("Invalid --dynamodb-endpoint " + endpoint
                + ": use an http or https URL such as http://127.0.0.1:8000");
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static Map<String, String> tableNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("SessionsTable", "sspr-local-sessions");
        names.put("UsersTable", "sspr-local-users");
        names.put("AuditTable", "sspr-local-audit");
        names.put("LimitsTable", "sspr-local-limits");
        names.put("PushChallengesTable", "sspr-local-push-challenges");
        names.put("DevicesTable", "sspr-local-devices");
        return Collections.unmodifiableMap(names);
    }
}
