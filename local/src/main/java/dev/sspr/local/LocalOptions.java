package dev.sspr.local;

import dev.sspr.core.CaptchaSettings;
import java.util.List;

/**
 * The command-line options of the local runner.
 *
 * @param port the TCP port to listen on, 0 for any free one
 * @param exposeCaptchaAnswers whether {@code GET /dev/captcha/{resetId}} reveals answers to tests
 * @param devClock whether {@code /dev/clock} can move the clock every rule uses
 * @param dynamoDbEndpoint a DynamoDB endpoint URL to keep data in, or null for memory
 * @param captchaProvider {@code builtin} for the picture CAPTCHA, or {@code waf} to play AWS WAF's
 *     CAPTCHA with a local stand-in of its puzzle and token check
 */
public record LocalOptions(int port, boolean exposeCaptchaAnswers, boolean devClock, String dynamoDbEndpoint,
        String captchaProvider) {
    public static final int DEFAULT_PORT = 8080;

    public LocalOptions {
        if (!CaptchaSettings.BUILTIN.equals(captchaProvider) && !CaptchaSettings.WAF.equals(captchaProvider)) {
            throw new IllegalArgumentException("Invalid CAPTCHA provider " + captchaProvider + ": use builtin or waf");
        }
    }

    /** Options with the built-in CAPTCHA. */
    public LocalOptions(int port, boolean exposeCaptchaAnswers, boolean devClock, String dynamoDbEndpoint) {
        this(port, exposeCaptchaAnswers, devClock, dynamoDbEndpoint, CaptchaSettings.BUILTIN);
    }

    boolean wafCaptcha() {
        return CaptchaSettings.WAF.equals(captchaProvider);
    }

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar local/target/sspr-local.jar [options]",
            "  --port N                  listen on TCP port N (default 8080, 0 picks a free port)",
            "  --expose-captcha-answers  add GET /dev/captcha/{resetId} for automated tests",
            "  --dev-clock               add GET and POST /dev/clock to move the clock forward",
            "  --dynamodb-endpoint URL   keep all data (sessions, accounts, audit events, limits, push",
            "                            challenges, devices) in the DynamoDB endpoint at URL (tables",
            "                            sspr-local-*, created when missing) instead of memory",
            "  --captcha builtin|waf     builtin (default): the picture and audio CAPTCHA; waf: the",
            "                            page uses the AWS WAF CAPTCHA API, played by a local stand-in",
            "  --help                    print this text");

    /** Parses command-line arguments; throws IllegalArgumentException with a message for bad input. */
    public static LocalOptions parse(List<String> args) {
        int port = DEFAULT_PORT;
        boolean expose = false;
        boolean clock = false;
        String endpoint = null;
        String captcha = CaptchaSettings.BUILTIN;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--port" -> port = parsePort(valueAfter(args, i++));
                case "--expose-captcha-answers" -> expose = true;
                case "--dev-clock" -> clock = true;
                case "--dynamodb-endpoint" -> endpoint = valueAfter(args, i++);
                case "--captcha" -> captcha = valueAfter(args, i++);
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        return new LocalOptions(port, expose, clock, endpoint, captcha);
    }

    private static String valueAfter(List<String> args, int index) {
        if (index + 1 >= args.size()) {
            throw new IllegalArgumentException("Missing value after " + args.get(index));
        }
        return args.get(index + 1);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Invalid port " + text + ": use a number from 0 to 65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid port " + text + ": use a number from 0 to 65535");
        }
    }
}
