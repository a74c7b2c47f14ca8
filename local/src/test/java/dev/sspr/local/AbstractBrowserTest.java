package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base class for the tests that drive the reset page in headless Chromium. Before each test it
 * starts a local runner with {@link #runnerOptions()} and a browser with its own profile, and
 * after the test it stops both and deletes the profile.
 *
 * <p>The helpers find controls by their accessible names, type with the keyboard, wait for
 * focus, read the runner's /dev endpoints and save screenshots under target/screenshots/.
 */
abstract class AbstractBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    // The demo user that the local runner creates.
    static final String USERNAME = "cs0101";
    static final String PHONE_NUMBER = "+12055550133";
    static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final String OLD_PASSWORD = "Initial-Passw0rd-2026!";
    static final String NEW_PASSWORD = "Quiet-Harbour-Lamp-4821!";

    static final String PROGRESS_TEXT =
            "verification step 1 > verification step 2 > choose a new password";
    static final String CAPTCHA_LABEL =
            "Enter the characters in the picture or the words in the audio";
    static final String CODE_LABEL = "Enter your verification code";

    static final Duration WAIT = Duration.ofSeconds(15);
    static final int MAX_TAB_PRESSES = 40;
    static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");
    // The page's focus colour (#ffdd00) as getComputedStyle reports it.
    static final String FOCUS_COLOUR = "rgb(255, 221, 0)";

    static final Map<String, String> ROLE_SELECTORS = Map.of(
            "textbox", "input[type=text], input[type=tel], input[type=password], input:not([type])",
            "button", "button",
            "link", "a[href]",
            "radio", "input[type=radio]",
            "heading", "h1, h2",
            "group", "[role=group]");

    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    LocalRunner runner;
    ChromeDriver driver;
    private Path userDataDir;
    private String testName;
    private int screenshotNumber;

    /** Returns the options of the runner that each test starts. */
    abstract LocalOptions runnerOptions();

    /** Fails under CI and skips elsewhere when Chromium or chromedriver is missing. */
    @BeforeAll
    static void requireChromium(TestInfo info) {
        List<String> missing = new ArrayList<>();
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                missing.add(executable.toString());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "Browser test needs " + String.join(" and ", missing)
                + ". Install them with: apt-get install -y chromium chromium-driver";
        if (System.getenv("CI") != null) {
            fail(message + " (the CI environment variable is set, so a missing browser is a failure)");
        }
        String testClass = info.getTestClass().map(Class::getSimpleName).orElse("browser test");
        System.err.println("SKIPPED " + testClass + ": " + message);
        Assumptions.assumeTrue(false, message);
    }

    @BeforeEach
    void startRunnerAndBrowser(TestInfo info) throws Exception {
        testName = info.getTestMethod().map(Method::getName).orElse("test");
        Files.createDirectories(SCREENSHOTS);
        runner = LocalRunner.start(runnerOptions());
        userDataDir = Files.createTempDirectory("sspr-chromium-");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--user-data-dir=" + userDataDir);
        // An explicit driver executable keeps Selenium Manager from looking for (or downloading)
        // a driver.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1024, 1400));
    }

    @AfterEach
    void stopBrowserAndRunner() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (runner != null) {
            runner.close();
        }
        if (userDataDir != null) {
            try (Stream<Path> paths = Files.walk(userDataDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    // ---- Finding controls by accessible name ----

    WebDriverWait wait(String condition) {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.withMessage("timed out waiting for " + condition);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Waits for a visible control with this role and exact accessible name. */
    WebElement control(String role, String name) {
        String selector = ROLE_SELECTORS.get(role);
        return wait("a visible " + role + " named \"" + name + "\"").until(browser -> {
            for (WebElement element : browser.findElements(By.cssSelector(selector))) {
                if (element.isDisplayed() && name.equals(element.getAccessibleName())) {
                    return element;
                }
            }
            return null;
        });
    }

    static WebElement visibleElement(WebDriver driver, By locator) {
        List<WebElement> elements = driver.findElements(locator);
        return !elements.isEmpty() && elements.get(0).isDisplayed() ? elements.get(0) : null;
    }

    WebElement visibleElement(By locator) {
        return visibleElement(driver, locator);
    }

    static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    /** Waits until the error summary is shown and has focus. */
    WebElement waitForErrorSummary() {
        WebElement summary = wait("the error summary").until(browser -> visibleElement(By.id("error-summary")));
        wait("focus on the error summary").until(browser -> browser.switchTo().activeElement().equals(summary));
        return summary;
    }

    void waitForFocusedHeading(String text) {
        wait("focus on the heading \"" + text + "\"").until(browser -> {
            WebElement active = browser.switchTo().activeElement();
            return active.getTagName().matches("h[1-6]") && active.getText().equals(text);
        });
    }

    /** Waits until focus is on the progress heading with {@code currentStep} marked current. */
    WebElement waitForFocusedProgressHeading(String currentStep) {
        return wait("focus on the progress heading at \"" + currentStep + "\"").until(browser -> {
            WebElement active = browser.switchTo().activeElement();
            boolean atStep = active.getTagName().equals("h1")
                    && active.getText().equals(PROGRESS_TEXT)
                    && active.findElements(By.cssSelector("[aria-current=step]")).stream()
                            .anyMatch(step -> step.getText().equals(currentStep));
            return atStep ? active : null;
        });
    }

    // ---- Keyboard ----

    void typeKeys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /**
     * Presses Tab until the focused element has this accessible name, and checks that the focus
     * is visible. Focus wraps from the end of the page to the start, so any Tab stop is reached.
     */
    WebElement tabTo(String name) {
        for (int press = 0; press < MAX_TAB_PRESSES; press++) {
            typeKeys(Keys.TAB);
            WebElement active = driver.switchTo().activeElement();
            if (name.equals(active.getAccessibleName())) {
                assertFocusVisible(active, name);
                return active;
            }
        }
        return fail("Tab never reached a control named \"" + name + "\" in " + MAX_TAB_PRESSES + " presses");
    }

    void assertFocusVisible(WebElement element, String name) {
        Boolean visible = (Boolean) driver.executeScript(
                "const element = arguments[0];"
                        + "const style = getComputedStyle(element);"
                        + "const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0"
                        + "    && style.outlineColor !== 'rgba(0, 0, 0, 0)' && style.outlineColor !== 'transparent';"
                        + "return element.matches(':focus-visible')"
                        + "    && (outline || style.backgroundColor === arguments[1]);",
                element, FOCUS_COLOUR);
        assertTrue(Boolean.TRUE.equals(visible), "no visible focus indicator on \"" + name + "\"");
    }

    // ---- Local runner data ----

    JsonNode getJson(String path) throws IOException {
        return sendJson("GET", path, null);
    }

    /**
     * Sends a request to the runner, checks that it returns 200 and parses the JSON response.
     * A null {@code body} sends no body and no Content-Type.
     */
    JsonNode sendJson(String method, String path, String body) throws IOException {
        URI uri = runner.baseUri().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while requesting " + method + " " + uri, e);
        }
        assertEquals(200, response.statusCode(), method + " " + uri + " returned " + response.body());
        return json.readTree(response.body());
    }

    int outboxSize() throws IOException {
        return getJson("/dev/outbox").size();
    }

    /** Waits for an SMS after the first {@code previousSize} outbox messages and returns its code. */
    String waitForSmsCode(int previousSize) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode outbox = getJson("/dev/outbox");
            for (int index = outbox.size() - 1; index >= previousSize; index--) {
                JsonNode message = outbox.get(index);
                if ("sms".equals(message.path("channel").asText()) && PHONE_NUMBER.equals(message.path("to").asText())) {
                    Matcher code = SIX_DIGITS.matcher(message.path("text").asText());
                    assertTrue(code.find(), "SMS without a 6-digit code: " + message);
                    return code.group();
                }
            }
            Thread.sleep(200);
        }
        return fail("no SMS to " + PHONE_NUMBER + " arrived in /dev/outbox within " + WAIT.toSeconds() + " s");
    }

    /**
     * Computes the demo user's current RFC 6238 code (HMAC-SHA1, 30 s step) at the runner's
     * clock. The calculation does not use the product's TOTP code, so the runner accepting the
     * result also checks that code.
     */
    String totpCode() throws IOException, GeneralSecurityException {
        Instant now = Instant.parse(getJson("/dev/clock").path("now").asText());
        long step = now.getEpochSecond() / 30;

        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(decodeBase32(TOTP_SECRET), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }

    /** Decodes RFC 4648 base32 without padding. */
    private static byte[] decodeBase32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer bytes = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bitCount = 0;
        for (char character : text.toCharArray()) {
            int value = alphabet.indexOf(character);
            if (value < 0) {
                throw new IllegalArgumentException("not a base32 character: " + character);
            }
            buffer = (buffer << 5) | value;
            bitCount += 5;
            if (bitCount >= 8) {
                bytes.put((byte) (buffer >> (bitCount - 8)));
                bitCount -= 8;
            }
        }
        return bytes.array();
    }

    /** Saves a screenshot as target/screenshots/{test}-{number}-{screen}.png. */
    void screenshot(String screen) throws IOException {
        screenshotNumber++;
        Path target = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", testName, screenshotNumber, screen));
        Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Chooses SMS, sends a code to the demo user's phone and enters it, then selects Next. */
    protected void verifyBySmsCode() throws IOException, InterruptedException {
        control("radio", "Text my mobile phone").click();
        type(control("textbox", "Enter your phone number"), PHONE_NUMBER);
        int outboxSize = outboxSize();
        control("button", "Text").click();
        type(control("textbox", CODE_LABEL), waitForSmsCode(outboxSize));
        control("button", "Next").click();
    }

    /** Waits for the new-password screen, types the new password twice and selects Finish. */
    protected void finishWithNewPassword() {
        waitForFocusedProgressHeading("choose a new password");
        type(control("textbox", "Enter new password"), NEW_PASSWORD);
        type(control("textbox", "Confirm new password"), NEW_PASSWORD);
        control("button", "Finish").click();
    }
}
