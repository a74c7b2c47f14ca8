package dev.sspr.local;

import dev.sspr.adapter.dynamodb.DynamoDbAuditLog;
import dev.sspr.adapter.dynamodb.DynamoDbLimitStore;
import dev.sspr.core.AuditEvent;
import dev.sspr.core.UserLimits;
import dev.sspr.core.Usernames;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Administrator commands on the DynamoDB tables: list a user's recent audit events, and lift a
 * user's self-service lock. Region and credentials come from the environment as for the AWS CLI.
 */
public final class AdminCommand {
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -cp local/target/sspr-local.jar dev.sspr.local.AdminCommand COMMAND USERNAME [options]",
            "Commands:",
            "  audit USERNAME    list the user's newest audit events, newest first",
            "  unlock USERNAME   lift the user's self-service lock and forget their failures",
            "Options:",
            "  --table NAME      the audit table (audit) or limits table (unlock); defaults to the",
            "                    local runner's tables sspr-local-audit and sspr-local-limits",
            "  --audit-table NAME  the audit table that records an unlock (default sspr-local-audit)",
            "  --limit N         how many events to list (default 20)",
            "  --email-domain D  the account email domain, removed from USERNAME (default example.gov)",
            "  --endpoint URL    a DynamoDB endpoint, such as the moto_server the runner uses;",
            "                    without it the command uses AWS in the configured region",
            "USERNAME is a username or account email, matched as the reset page matches it.");

    private AdminCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    /** Runs one command and returns the process exit code: 0 on success, 2 on bad usage, 1 on failure. */
    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.size() < 2 || args.contains("--help")) {
            err.println(USAGE);
            return args.contains("--help") ? 0 : 2;
        }
        String command = args.get(0);
        String rawUsername = args.get(1);
        Map<String, String> options;
        try {
            options = options(args.subList(2, args.size()));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String username = new Usernames(options.getOrDefault("--email-domain", DemoDirectory.EMAIL_DOMAIN))
                .normalise(rawUsername);
        try (DynamoDbClient client = client(options.get("--endpoint"), environment)) {
            switch (command) {
                case "audit" -> audit(client, username, options, out);
                case "unlock" -> unlock(client, username, options, out);
                default -> {
                    err.println("Unknown command: " + command);
                    err.println(USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("The " + command + " command failed: " + e.getMessage());
            return 1;
        }
    }

    private static void audit(DynamoDbClient client, String username, Map<String, String> options, PrintStream out) {
        int limit = Integer.parseInt(options.getOrDefault("--limit", "20"));
        DynamoDbAuditLog log = new DynamoDbAuditLog(client, options.getOrDefault("--table", "sspr-local-audit"), 1);
        List<AuditEvent> events = log.recent(username, limit);
        if (events.isEmpty()) {
            out.println("No audit events for " + username + ".");
            return;
        }
        out.printf(Locale.ROOT, "%-24s %-16s %-8s %-22s %-16s %-15s %s%n",
                "time", "step", "method", "outcome", "reset", "source", "user agent");
        for (AuditEvent event : events) {
            out.printf(Locale.ROOT, "%-24s %-16s %-8s %-22s %-16s %-15s %s%n", event.time(), event.step(),
                    dash(event.method()), event.outcome(), dash(event.resetId()), dash(event.sourceIp()),
                    dash(event.userAgent()));
        }
    }

    private static void unlock(DynamoDbClient client, String username, Map<String, String> options, PrintStream out) {
        DynamoDbLimitStore limits = new DynamoDbLimitStore(client, options.getOrDefault("--table", "sspr-local-limits"));
        String[] keys = UserLimits.unlockKeys(username);
        Instant now = Instant.now();
        boolean wasLocked = limits.lockedUntil(keys[0], now).isPresent();
        limits.clear(keys);
        new DynamoDbAuditLog(client, options.getOrDefault("--audit-table", "sspr-local-audit"), 365)
                .record(new AuditEvent(now, null, username, "admin_unlock", null,
                        wasLocked ? "unlocked" : "not_locked", null, "AdminCommand"));
        out.println(wasLocked
                ? "Unlocked " + username + ": the lock and the failure count are cleared."
                : username + " was not locked; its failure count is cleared.");
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!List.of("--table", "--audit-table", "--limit", "--endpoint", "--email-domain").contains(name)
                    || i + 1 >= args.size()) {
                throw new IllegalArgumentException("Unknown option or missing value: " + name);
            }
            options.put(name, args.get(i + 1));
        }
        if (options.containsKey("--limit") && !options.get("--limit").matches("[1-9][0-9]{0,3}")) {
            throw new IllegalArgumentException("Invalid --limit " + options.get("--limit") + ": use 1 to 9999");
        }
        return options;
    }

    private static DynamoDbClient client(String endpoint, Map<String, String> environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(LocalStorage.region(environment))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint)).credentialsProvider(LocalStorage.credentials(environment));
        }
        return builder.build();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
