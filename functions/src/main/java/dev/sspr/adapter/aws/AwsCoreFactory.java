package dev.sspr.adapter.aws;

import dev.sspr.adapter.dynamodb.DynamoDbAuditLog;
import dev.sspr.adapter.dynamodb.DynamoDbDeviceRegistry;
import dev.sspr.adapter.dynamodb.DynamoDbLimitStore;
import dev.sspr.adapter.dynamodb.DynamoDbPushChallengeStore;
import dev.sspr.adapter.dynamodb.DynamoDbSessionStore;
import dev.sspr.adapter.dynamodb.DynamoDbUserDirectory;
import dev.sspr.adapter.dynamodb.TotpSecretSeal;
import dev.sspr.adapter.kms.KmsPasswordMac;
import dev.sspr.adapter.messaging.MessagingClients;
import dev.sspr.adapter.messaging.SnsPushNotifier;
import dev.sspr.core.CaptchaSettings;
import dev.sspr.core.KeyedDigests;
import dev.sspr.core.ResetCore;
import dev.sspr.core.ResetSettings;
import dev.sspr.core.SupportContact;
import dev.sspr.core.VerificationLimits;
import dev.sspr.core.captcha.ImageCaptchaProvider;
import dev.sspr.core.password.BannedWords;
import dev.sspr.core.password.PasswordHasher;
import dev.sspr.core.password.PasswordPolicy;
import dev.sspr.core.port.CaptchaProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * Builds the core that the Lambda functions run, from the environment variables template.yaml
 * sets: DynamoDB tables, the KMS keys, SMS and voice providers, and the flow's settings. Every
 * SDK client uses the URL connection HTTP client and the region from {@code AWS_REGION}.
 */
public final class AwsCoreFactory {
    /** The bcrypt cost of stored passwords; see docs/password-storage.md. */
    static final int BCRYPT_COST = 12;
    static final String PRODUCT_NAME = "Password Reset";

    /** The text the digest key is derived from; changing it changes every decoy and digest. */
    private static final String DIGEST_KEY_LABEL = "sspr keyed digests v1";

    private AwsCoreFactory() {
    }

    /**
     * Builds the core from {@code environment}.
     *
     * @throws IllegalArgumentException naming the variable when one is missing or invalid
     */
    public static ResetCore build(Map<String, String> environment, AwsCredentialsProvider credentials) {
        return build(environment, credentials, UnaryOperator.identity());
    }

    /** Builds the core for a Lambda container and registers the SnapStart priming hook. */
    public static ResetCore buildForLambda(Map<String, String> environment, AwsCredentialsProvider credentials) {
        Assembly assembly = assemble(environment, credentials, UnaryOperator.identity());
        SnapshotPriming.register(assembly.messaging(), new ImageCaptchaProvider());
        return assembly.core();
    }

    /**
     * Builds the core with the CAPTCHA provider wrapped, so an end-to-end test can learn the
     * answers that production keeps only as digests.
     */
    public static ResetCore build(Map<String, String> environment, AwsCredentialsProvider credentials,
            UnaryOperator<CaptchaProvider> wrapCaptchas) {
        return assemble(environment, credentials, wrapCaptchas).core();
    }

    /** The core and the messaging clients it sends through. */
    private record Assembly(ResetCore core, MessagingClients messaging) {
    }

    private static Assembly assemble(Map<String, String> environment, AwsCredentialsProvider credentials,
            UnaryOperator<CaptchaProvider> wrapCaptchas) {
        Region region = Region.of(required(environment, "AWS_REGION"));
        DynamoDbClient dynamoDb = dynamoDb(environment, region, credentials);
        KmsClient kms = kms(environment, region, credentials);
        ResetSettings settings = settings(environment);
        MessagingClients messaging = MessagingClients.fromEnvironment(environment, settings.codeLifetime(),
                credentials);
        PasswordHasher hasher = new PasswordHasher(BCRYPT_COST);
        BannedWords banned = BannedWords.ofNames(List.of(settings.organisationName(), PRODUCT_NAME))
                .plus(BannedWords.fromEnvironment(environment));

        byte[] digestKey = digestKey(kms, required(environment, "DIGEST_KEY_ID"));

        ResetCore core = ResetCore.builder()
                .sessions(new DynamoDbSessionStore(dynamoDb, required(environment, "SESSIONS_TABLE")))
                .users(new DynamoDbUserDirectory(dynamoDb, required(environment, "USERS_TABLE"),
                        TotpSecretSeal.derivedFrom(digestKey)))
                .audit(new DynamoDbAuditLog(dynamoDb, required(environment, "AUDIT_TABLE"),
                        integer(environment, "AUDIT_RETENTION_DAYS", 365)))
                .limits(new DynamoDbLimitStore(dynamoDb, required(environment, "LIMITS_TABLE")))
                .pushChallenges(new DynamoDbPushChallengeStore(dynamoDb,
                        required(environment, "PUSH_CHALLENGES_TABLE")))
                .devices(new DynamoDbDeviceRegistry(dynamoDb, required(environment, "DEVICES_TABLE")))
                .pushNotifier(new SnsPushNotifier(sns(environment, region, credentials)))
                .sms(messaging.smsSender())
                .voice(messaging.voiceCaller())
                .captchas(wrapCaptchas.apply(new ImageCaptchaProvider()))
                .clock(Clock.systemUTC())
                .settings(settings)
                .digests(new KeyedDigests(digestKey))
                .passwordPolicy(PasswordPolicy.standard().withBannedWords(banned))
                .passwordHasher(hasher)
                .passwordMac(new KmsPasswordMac(kms, required(environment, KmsPasswordMac.KEY_ID_VARIABLE)))
                .build();
        return new Assembly(core, messaging);
    }

    /** Reads the flow's settings; every variable but EMAIL_DOMAIN has a default. */
    static ResetSettings settings(Map<String, String> environment) {
        SupportContact support = new SupportContact(
                environment.getOrDefault("SUPPORT_TEXT", "Contact your IT service desk."),
                blankToNull(environment.get("SUPPORT_PHONE")),
                blankToNull(environment.get("SUPPORT_EMAIL")),
                blankToNull(environment.get("SUPPORT_URL")));
        Set<String> countries = Arrays.stream(environment.getOrDefault("ALLOWED_DESTINATION_COUNTRIES", "")
                        .split(","))
                .map(String::strip)
                .filter(code -> !code.isEmpty())
                .map(code -> code.toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());
        VerificationLimits limits = VerificationLimits.defaults()
                .withDailySendBudget(integer(environment, "DAILY_SEND_BUDGET", 1000))
                .withAllowedCountries(countries);
        return ResetSettings.defaults(required(environment, "EMAIL_DOMAIN"), support)
                .withOrganisationName(environment.getOrDefault("ORGANISATION_NAME", "the organisation"))
                .withRequireDistinctAuthenticators(
                        !"false".equalsIgnoreCase(environment.get("REQUIRE_DISTINCT_AUTHENTICATORS")))
                .withLimits(limits)
                .withCaptcha(captcha(environment));
    }

    /**
     * Reads CAPTCHA_PROVIDER (builtin by default, or waf) and, for waf, WAF_CAPTCHA_SCRIPT_URL and
     * WAF_CAPTCHA_API_KEY, which the page needs to render WAF's puzzle.
     */
    static CaptchaSettings captcha(Map<String, String> environment) {
        String provider = environment.getOrDefault("CAPTCHA_PROVIDER", "").strip().toLowerCase(Locale.ROOT);
        if (provider.isEmpty() || provider.equals(CaptchaSettings.BUILTIN)) {
            return CaptchaSettings.builtIn();
        }
        return new CaptchaSettings(provider, blankToNull(environment.get("WAF_CAPTCHA_SCRIPT_URL")),
                blankToNull(environment.get("WAF_CAPTCHA_API_KEY")));
    }

    /**
     * Returns the encryption of TOTP secrets that the functions use, for tools that write accounts
     * to the users table.
     */
    public static TotpSecretSeal totpSecretSeal(KmsClient kms, String digestKeyId) {
        return TotpSecretSeal.derivedFrom(digestKey(kms, digestKeyId));
    }

    /**
     * Derives the key of the keyed digests with KMS GenerateMac on a fixed label, so every
     * container gets the same key and the key exists nowhere but in KMS and in memory.
     */
    static byte[] digestKey(KmsClient kms, String keyId) {
        return kms.generateMac(request -> request
                        .keyId(keyId)
                        .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                        .message(SdkBytes.fromString(DIGEST_KEY_LABEL, StandardCharsets.UTF_8)))
                .mac()
                .asByteArray();
    }

    private static DynamoDbClient dynamoDb(Map<String, String> environment, Region region,
            AwsCredentialsProvider credentials) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = environment.get("AWS_ENDPOINT_URL_DYNAMODB");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static SnsClient sns(Map<String, String> environment, Region region, AwsCredentialsProvider credentials) {
        SnsClientBuilder builder = SnsClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = environment.get("AWS_ENDPOINT_URL_SNS");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static KmsClient kms(Map<String, String> environment, Region region, AwsCredentialsProvider credentials) {
        KmsClientBuilder builder = KmsClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = environment.get("AWS_ENDPOINT_URL_KMS");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The environment variable " + name + " is missing; template.yaml"
                    + " sets it on every function");
        }
        return value;
    }

    private static int integer(Map<String, String> environment, String name, int fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The environment variable " + name + " must be a whole number, was "
                    + value, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
