package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Drives the reset page in headless Chromium against the local runner started with
 * {@code --captcha waf}. There the runner rejects an identify request without a valid WAF token
 * with status 405, as AWS WAF's CAPTCHA action does, and serves a stand-in of AWS's CAPTCHA
 * script whose puzzle is a single button. The stand-in sets no token cookie, so a passing identify shows that the
 * page sent the token in the x-aws-waf-token header.
 *
 * <p>Screenshots are saved under target/screenshots/.
 */
class WafCaptchaBrowserTest extends AbstractBrowserTest {

    private static final String PUZZLE_GROUP = "Show that you are a person";
    private static final String STAND_IN_BUTTON = "Solve the stand-in puzzle";
    private static final String STAND_IN_LABEL = "Local stand-in for the AWS WAF CAPTCHA";
    /** A script URL the page must reject. The .invalid top-level domain never resolves (RFC 2606). */
    private static final String FOREIGN_SCRIPT_URL = "https://waf-sdk.invalid/jsapi.js";
    /** The runner's WAF token lifetime, after which identify needs a new puzzle. */
    private static final long TOKEN_LIFETIME_SECONDS = 300;

    /** Returns a runner on any free port that plays the WAF CAPTCHA and serves /dev/clock. */
    @Override
    LocalOptions runnerOptions() {
        return LocalOptions.parse(List.of("--port", "0", "--captcha", "waf", "--dev-clock"));
    }

    @Test
    void identifyScreenHasNoBuiltInCaptcha() throws IOException {
        openResetPage();

        assertFalse(driver.findElement(By.id("captcha-image")).isDisplayed(), "no CAPTCHA picture");
        assertFalse(driver.findElement(By.id("captcha")).isDisplayed(), "no box for the CAPTCHA characters");
        assertFalse(isTextDisplayed(CAPTCHA_LABEL), "no label of the CAPTCHA box");
        for (String button : List.of("captcha-audio-button", "captcha-new-button")) {
            assertFalse(driver.findElement(By.id(button)).isDisplayed(), "no built-in CAPTCHA button " + button);
        }
        assertFalse(driver.findElement(By.id("waf-captcha")).isDisplayed(), "no puzzle before Next");
        String intro = driver.findElement(By.cssSelector("p[data-captcha-provider=waf]")).getText();
        assertTrue(intro.contains("puzzle"), "the introduction mentions the puzzle: " + intro);
        control("textbox", "Email or Username");
        control("button", "Next");
        screenshot("identify");
    }

    /** Uses the keyboard alone: Enter sends the username, Tab reaches the puzzle, Enter solves it. */
    @Test
    void puzzleAfterNextThenVerification() throws IOException {
        openResetPage();
        tabTo("Email or Username");
        typeKeys(USERNAME, Keys.ENTER);

        WebElement group = control("group", PUZZLE_GROUP);
        wait("focus on the puzzle").until(browser -> browser.switchTo().activeElement().equals(group));
        String standIn = group.getText();
        assertTrue(standIn.contains(STAND_IN_LABEL), "the stand-in says what it is: " + standIn);
        assertEquals(List.of(405L), identifyStatuses(), "statuses of the identify requests before the puzzle");
        assertFalse(driver.findElement(By.id("error-summary")).isDisplayed(), "a puzzle is not an error");
        screenshot("identify-puzzle");

        tabTo(STAND_IN_BUTTON);
        typeKeys(Keys.ENTER);
        waitForFocusedProgressHeading("verification step 1");
        assertEquals(List.of(405L, 200L), identifyStatuses(), "statuses of the identify requests");
    }

    @Test
    void resetWithSmsThenTotp() throws Exception {
        identifyThroughPuzzle();

        verifyBySmsCode();

        waitForFocusedProgressHeading("verification step 2");
        control("radio", "Enter a code from my authenticator app").click();
        type(control("textbox", CODE_LABEL), totpCode());
        control("button", "Next").click();

        finishWithNewPassword();

        waitForFocusedHeading("Your password has been reset");
        screenshot("done");
    }

    /** A token is reused until the runner's clock passes its lifetime, and then a new puzzle shows. */
    @Test
    void expiredTokenShowsPuzzleAgain() throws IOException {
        identifyThroughPuzzle();

        startAgainAndSendUsername();
        waitForFocusedProgressHeading("verification step 1");
        assertEquals(List.of(405L, 200L, 200L), identifyStatuses(),
                "a reset started within the token's lifetime passes identify without a puzzle");

        advanceRunnerClock(TOKEN_LIFETIME_SECONDS + 1);
        startAgainAndSendUsername();
        control("button", STAND_IN_BUTTON).click();
        waitForFocusedProgressHeading("verification step 1");
        assertEquals(List.of(405L, 200L, 200L, 405L, 200L), identifyStatuses(),
                "an expired token is rejected with 405 and a new puzzle gives a new one");
    }

    @Test
    void puzzleErrorOffersRetry() throws IOException {
        replaceConfigValue("apiKey", "not-the-runner-key");
        openResetPage();
        type(control("textbox", "Email or Username"), USERNAME);
        control("button", "Next").click();
        control("button", STAND_IN_BUTTON).click();

        WebElement summary = waitForErrorSummary();
        assertTrue(summary.getText().contains("The puzzle failed (client_error, HTTP 400)"),
                "the summary names the stand-in's error: " + summary.getText());
        screenshot("puzzle-error");

        control("button", "Try the puzzle again").click();
        WebElement group = control("group", PUZZLE_GROUP);
        wait("focus on the new puzzle").until(browser -> browser.switchTo().activeElement().equals(group));
        assertFalse(driver.findElement(By.id("error-summary")).isDisplayed(), "the retry clears the error");
        control("button", STAND_IN_BUTTON);
    }

    @Test
    void foreignScriptUrlIsRejected() throws IOException {
        replaceConfigValue("scriptUrl", FOREIGN_SCRIPT_URL);
        openResetPage();
        type(control("textbox", "Email or Username"), USERNAME);
        control("button", "Next").click();

        WebElement summary = waitForErrorSummary();
        assertTrue(summary.getText().contains(FOREIGN_SCRIPT_URL + " is not an AWS WAF address"),
                "the summary names the rejected address: " + summary.getText());
        assertTrue(driver.findElements(By.cssSelector("script[src*='invalid']")).isEmpty(),
                "no script element for the rejected address");
        assertFalse(driver.findElement(By.id("waf-captcha")).isDisplayed(), "no puzzle");
        assertTrue(driver.findElements(By.xpath("//button[text()='Try the puzzle again']")).isEmpty(),
                "no retry for a configuration error");
        screenshot("foreign-script-url");
    }

    @Test
    void allowedScriptUrlTable() {
        Map<String, Boolean> expected = new LinkedHashMap<>();
        expected.put("/dev/waf/jsapi.js", true);
        expected.put("https://reset.example.gov/dev/waf/jsapi.js", true);
        expected.put("https://abc123.edge.sdk.awswaf.com/abc123/def456/jsapi.js", true);
        expected.put("https://ABC.AWSWAF.COM/jsapi.js", true);
        expected.put("http://abc.awswaf.com/jsapi.js", false);
        expected.put("https://awswaf.com/jsapi.js", false);
        expected.put("https://abc.awswaf.com.example.net/jsapi.js", false);
        expected.put("https://example.net/abc.awswaf.com/jsapi.js", false);
        expected.put("http://reset.example.gov/dev/waf/jsapi.js", false);
        expected.put("//example.net/jsapi.js", false);
        expected.put("javascript:alert(1)", false);
        expected.put("data:text/javascript,alert(1)", false);
        expected.put("", false);

        driver.get(runner.baseUri().resolve("/").toString());
        // Only parses the URLs against a page address, so nothing is requested from these hosts.
        Object result = driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('/waf-captcha.js')"
                        + "  .then((module) => done(arguments[0].map("
                        + "    (url) => module.allowedScriptUrl(url, 'https://reset.example.gov/index.html') !== null)))"
                        + "  .catch((error) => done(String(error)));",
                new ArrayList<>(expected.keySet()));
        assertTrue(result instanceof List<?>, "import of waf-captcha.js failed: " + result);
        List<?> allowed = (List<?>) result;
        int index = 0;
        for (Map.Entry<String, Boolean> entry : expected.entrySet()) {
            assertEquals(entry.getValue(), allowed.get(index), "allowed: \"" + entry.getKey() + "\"");
            index++;
        }
    }

    // ---- Steps ----

    /** Opens the reset page and waits until its reset uses the WAF CAPTCHA. */
    private void openResetPage() {
        recordIdentifyStatuses();
        driver.get(runner.baseUri().resolve("/").toString());
        waitForWafReset();
    }

    private String waitForWafReset() {
        return wait("a reset id in sessionStorage and the WAF introduction").until(browser -> {
            Object resetId = driver.executeScript("return sessionStorage.getItem('sspr.resetId');");
            boolean wafShown = browser.findElement(By.cssSelector("p[data-captcha-provider=waf]")).isDisplayed();
            return resetId != null && wafShown ? resetId.toString() : null;
        });
    }

    /** Opens the reset page, sends the demo username, solves the stand-in puzzle and waits for step 1. */
    private void identifyThroughPuzzle() throws IOException {
        openResetPage();
        type(control("textbox", "Email or Username"), USERNAME);
        control("button", "Next").click();
        control("button", STAND_IN_BUTTON).click();
        waitForFocusedProgressHeading("verification step 1");
    }

    /** Selects Cancel, waits for the new reset and sends the demo username. */
    private void startAgainAndSendUsername() {
        String oldResetId = (String) driver.executeScript("return sessionStorage.getItem('sspr.resetId');");
        control("button", "Cancel").click();
        waitForFocusedHeading("Who are you?");
        wait("a new reset using the WAF CAPTCHA").until(browser -> {
            Object resetId = driver.executeScript("return sessionStorage.getItem('sspr.resetId');");
            return resetId != null && !resetId.equals(oldResetId)
                    && browser.findElement(By.cssSelector("p[data-captcha-provider=waf]")).isDisplayed();
        });
        type(control("textbox", "Email or Username"), USERNAME);
        control("button", "Next").click();
    }

    /**
     * Makes the page see {@code value} for {@code key} in the captcha object of GET /v1/config, by
     * wrapping window.fetch before the page's scripts run. The Content Security Policy does not
     * apply to scripts that DevTools adds.
     */
    private void replaceConfigValue(String key, String value) {
        String script = "const originalFetch = window.fetch;"
                + "window.fetch = async (input, init) => {"
                + "  const response = await originalFetch(input, init);"
                + "  if (!String(input).endsWith('v1/config')) { return response; }"
                + "  const body = await response.json();"
                + "  body.captcha[" + jsString(key) + "] = " + jsString(value) + ";"
                + "  return new Response(JSON.stringify(body),"
                + "    { status: response.status, headers: response.headers });"
                + "};";
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    private String jsString(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot quote " + text, e);
        }
    }

    /**
     * Makes the page record the HTTP status of each identify request in
     * window.identifyStatuses. Resource Timing cannot replace this, because Chromium adds an
     * entry only once the body is read, and the page does not read the body of WAF's 405.
     */
    private void recordIdentifyStatuses() {
        String script = "window.identifyStatuses = [];"
                + "const fetchBeforeRecording = window.fetch;"
                + "window.fetch = async (input, init) => {"
                + "  const response = await fetchBeforeRecording(input, init);"
                + "  if (String(input).endsWith('/identify')) { window.identifyStatuses.push(response.status); }"
                + "  return response;"
                + "};";
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    /** Returns the HTTP statuses of the page's identify requests, oldest first. */
    private List<Long> identifyStatuses() {
        List<?> statuses = (List<?>) driver.executeScript("return window.identifyStatuses;");
        return statuses.stream().map(status -> ((Number) status).longValue()).toList();
    }

    // ---- Finding controls ----

    private boolean isTextDisplayed(String text) {
        return driver.findElements(By.xpath("//*[normalize-space(text())='" + text + "']")).stream()
                .anyMatch(WebElement::isDisplayed);
    }

    // ---- Local runner data ----

    private void advanceRunnerClock(long seconds) throws IOException {
        sendJson("POST", "/dev/clock", "{\"advanceSeconds\": " + seconds + "}");
    }
}
