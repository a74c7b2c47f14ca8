package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * Drives the reset page in headless Chromium against the local runner. Controls are found by
 * their accessible names, which are the words shown on screen and announced by screen readers.
 *
 * <p>Each test starts its own runner because a finished reset changes the demo user's password,
 * and a second change within 24 hours is rejected. Screenshots of each screen are saved under
 * target/screenshots/.
 */
class BrowserResetTest extends AbstractBrowserTest {

    private static final String PUSH_METHOD = "Approve a notification on my authenticator app";
    private static final String NUMBER_LABEL = "Enter the number shown on the reset page";
    private static final String NUMBER_MISMATCH_RESULT = "The number did not match, so the request was refused";
    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");

    /** Returns a runner on any free port that serves the CAPTCHA answers and /dev/clock. */
    @Override
    LocalOptions runnerOptions() {
        return new LocalOptions(0, true, true, null);
    }

    @Test
    void resetWithSmsThenTotp() throws Exception {
        completeResetByClicking(false);
        checkSignIn();
    }

    @Test
    void resetAt320PixelsWithoutHorizontalScroll() throws Exception {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", 320, "height", 1400, "deviceScaleFactor", 1, "mobile", true));
        driver.get(runner.baseUri().resolve("/").toString());
        Number viewportWidth = (Number) driver.executeScript("return window.innerWidth;");
        assertEquals(320, viewportWidth.intValue(), "viewport width in CSS pixels");

        completeResetByClicking(true);
        checkSignIn();
        assertNoHorizontalScroll("sign-in result");
    }

    @Test
    void resetWithKeyboardOnly() throws Exception {
        driver.get(runner.baseUri().resolve("/").toString());
        String resetId = waitForResetId();

        tabTo("Email or Username");
        typeKeys(USERNAME);
        tabTo(CAPTCHA_LABEL);
        typeKeys(captchaAnswer(resetId));
        screenshot("identify-focus");
        typeKeys(Keys.ENTER);

        waitForFocusedProgressHeading("verification step 1");
        selectRadioByKeyboard("Text my mobile phone");
        tabTo("Enter your phone number");
        int outboxSize = outboxSize();
        typeKeys(PHONE_NUMBER, Keys.ENTER);

        control("textbox", CODE_LABEL);
        focusByKeyboard(CODE_LABEL);
        typeKeys(waitForSmsCode(outboxSize), Keys.ENTER);

        waitForFocusedProgressHeading("verification step 2");
        selectRadioByKeyboard("Enter a code from my authenticator app");
        focusByKeyboard(CODE_LABEL);
        typeKeys(totpCode());
        screenshot("totp-focus");
        typeKeys(Keys.ENTER);

        waitForFocusedProgressHeading("choose a new password");
        tabTo("Enter new password");
        typeKeys(NEW_PASSWORD);
        tabTo("Confirm new password");
        typeKeys(NEW_PASSWORD);
        tabTo("Finish");
        screenshot("finish-focus");
        typeKeys(Keys.ENTER);

        waitForFocusedHeading("Your password has been reset");
        tabTo("Sign in");
        screenshot("sign-in-link-focus");
        typeKeys(Keys.ENTER);

        wait("the sign-in page").until(browser -> browser.getCurrentUrl().contains("signin"));
        tabTo("Email or Username");
        typeKeys(USERNAME);
        tabTo("Password");
        typeKeys(NEW_PASSWORD, Keys.ENTER);
        WebElement success = wait("the sign-in success message")
                .until(browser -> visibleElement(By.id("signin-success")));
        assertTrue(success.getText().contains("You are signed in"), "success message text: " + success.getText());
        screenshot("signed-in");
    }

    @Test
    void sixthAudioPlay_bringsNewPicture() throws Exception {
        driver.get(runner.baseUri().resolve("/").toString());
        String resetId = waitForResetId();
        String firstAnswer = captchaAnswer(resetId);
        String firstPicture = driver.findElement(By.id("captcha-image")).getAttribute("src");
        WebElement play = control("button", "Play the audio version");
        for (int i = 0; i < 5; i++) {
            play.click();
            wait("audio play " + (i + 1)).until(browser -> !browser.findElement(By.id("captcha-audio")).getAttribute("src")
                    .isEmpty() && !"true".equals(play.getAttribute("aria-busy")));
        }

        play.click();

        WebElement message = wait("the new-CAPTCHA message").until(browser -> {
            WebElement element = browser.findElement(By.id("captcha-audio-message"));
            return element.isDisplayed() && element.getText().contains("new CAPTCHA") ? element : null;
        });
        assertTrue(message.getText().contains("played 5 times"), message.getText());
        assertNotEquals(firstPicture, driver.findElement(By.id("captcha-image")).getAttribute("src"));
        assertNotEquals(firstAnswer, captchaAnswer(resetId));
        assertTrue(driver.findElements(By.cssSelector(".error-summary:not([hidden])")).isEmpty(),
                "no error is shown for the replaced picture");
    }

    @Test
    void cancel_endsResetOnServer() throws Exception {
        String resetId = identifyAsDemoUser();

        control("button", "Cancel").click();
        String newResetId = wait("a new reset after Cancel").until(browser -> {
            Object id = driver.executeScript("return sessionStorage.getItem('sspr.resetId');");
            return id instanceof String text && !text.equals(resetId) ? text : null;
        });

        ApiClient api = new ApiClient(runner.baseUri());
        ApiClient.Reply oldReset = api.post("v1/resets/" + resetId + "/challenge",
                Map.of("method", "sms", "phoneNumber", "2055550133"));
        assertEquals(404, oldReset.status(), oldReset.toString());
        assertNotEquals(resetId, newResetId);
    }

    @Test
    void errorsShowInSummaryAndField() throws Exception {
        driver.get(runner.baseUri().resolve("/").toString());
        String resetId = waitForResetId();
        String firstImage = driver.findElement(By.id("captcha-image")).getAttribute("src");
        String answer = captchaAnswer(resetId);
        String wrongAnswer = answer.equalsIgnoreCase("AAAAAA") ? "BBBBBB" : "AAAAAA";

        type(control("textbox", "Email or Username"), USERNAME);
        type(control("textbox", CAPTCHA_LABEL), wrongAnswer);
        control("button", "Next").click();

        WebElement summary = waitForErrorSummary();
        WebElement captchaBox = control("textbox", CAPTCHA_LABEL);
        assertEquals("true", captchaBox.getAttribute("aria-invalid"), "CAPTCHA box is marked invalid");
        assertEquals("", captchaBox.getAttribute("value"), "CAPTCHA box is cleared for the new picture");
        String describedBy = captchaBox.getAttribute("aria-describedby");
        assertNotNull(describedBy, "CAPTCHA box has aria-describedby");
        assertTrue(describedBy.contains("captcha-error"),
                "CAPTCHA box is described by its error message, aria-describedby=" + describedBy);
        assertTrue(driver.findElement(By.id("captcha-error")).isDisplayed(), "error message next to the CAPTCHA box");
        assertNotEquals(firstImage, driver.findElement(By.id("captcha-image")).getAttribute("src"),
                "a wrong answer shows a new picture");
        assertFalse(summary.getText().isBlank(), "error summary has a message");
        screenshot("captcha-invalid");

        type(captchaBox, captchaAnswer(resetId));
        control("button", "Next").click();
        waitForFocusedProgressHeading("verification step 1");

        control("radio", "Text my mobile phone").click();
        type(control("textbox", "Enter your phone number"), "+1 205 555 0199");
        control("button", "Text").click();
        waitForErrorSummary();
        assertEquals("true", control("textbox", "Enter your phone number").getAttribute("aria-invalid"),
                "phone box is marked invalid after a number that does not match");
        screenshot("phone-mismatch");

        int outboxSize = outboxSize();
        type(control("textbox", "Enter your phone number"), "(205) 555-0133");
        control("button", "Text").click();
        String code = waitForSmsCode(outboxSize);
        String wrongCode = code.equals("000000") ? "111111" : "000000";
        type(control("textbox", CODE_LABEL), wrongCode);
        control("button", "Next").click();
        waitForErrorSummary();
        assertEquals("true", control("textbox", CODE_LABEL).getAttribute("aria-invalid"),
                "code box is marked invalid after a wrong code");
        screenshot("code-invalid");

        for (int i = 2; i <= 3; i++) {
            type(control("textbox", CODE_LABEL), wrongCode);
            control("button", "Next").click();
            int attempt = i;
            wait("the answer to wrong code " + attempt).until(browser -> attempt == 3
                    ? browser.findElement(By.id("error-summary")).getText().contains("no tries left")
                    : browser.findElement(By.id("status")).getText().contains("1 try left"));
        }
        String lastError = driver.findElement(By.id("error-summary")).getText();
        assertTrue(lastError.contains("Choose another verification method"), lastError);
        assertFalse(lastError.contains("0 tries"), lastError);

        control("button", "Cancel").click();
        waitForFocusedHeading("Who are you?");
        String newResetId = waitForResetId();
        assertNotEquals(resetId, newResetId, "Cancel forgets the reset and starts a new one");
        assertEquals("", control("textbox", "Email or Username").getAttribute("value"),
                "Cancel clears the username");
    }

    @Test
    void resetWithPushThenSms() throws Exception {
        identifyAsDemoUser();
        String resetWindow = driver.getWindowHandle();
        String number = sendPushAndReadNumber();
        screenshot("push-number");

        openAuthenticator();
        WebElement request = waitForOpenRequest();
        String details = request.findElement(By.className("request-details")).getText();
        assertTrue(details.contains("127.0.0.1"), "the request shows the address it came from: " + details);
        type(control("textbox", NUMBER_LABEL), number);
        screenshot("authenticator-request");
        control("button", "Approve").click();
        assertEquals("Approved", waitForRequestResult(request), "result on the authenticator page");
        screenshot("authenticator-approved");

        driver.switchTo().window(resetWindow);
        waitForFocusedProgressHeading("verification step 2");
        for (String appMethod : List.of("method-push", "method-totp")) {
            assertFalse(driver.findElement(By.id(appMethod)).isDisplayed(),
                    "step 2 offers no second app method after push: " + appMethod);
        }
        screenshot("choose-method-after-push");

        verifyBySmsCode();

        finishWithNewPassword();
        waitForFocusedHeading("Your password has been reset");
        control("link", "Sign in").click();
        wait("the sign-in page").until(browser -> browser.getCurrentUrl().contains("signin"));
        checkSignIn();
    }

    /**
     * Refuses a push twice on the authenticator page, by keyboard at 320 px: first with a wrong
     * number, then with Deny. Each time the reset page shows an error and offers a new push.
     */
    @Test
    void wrongNumberOrDenyRefusesPush() throws Exception {
        identifyAsDemoUser();
        String resetWindow = driver.getWindowHandle();
        String number = sendPushAndReadNumber();
        String wrongNumber = number.equals("10") ? "11" : "10";

        openAuthenticator();
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", 320, "height", 900, "deviceScaleFactor", 1, "mobile", true));
        Number viewportWidth = (Number) driver.executeScript("return window.innerWidth;");
        assertEquals(320, viewportWidth.intValue(), "authenticator viewport width in CSS pixels");
        WebElement request = waitForOpenRequest();
        assertNoHorizontalScroll("authenticator request");

        tabTo("Approve");
        typeKeys(Keys.ENTER);
        WebElement numberBox = control("textbox", NUMBER_LABEL);
        wait("the empty number box marked invalid")
                .until(browser -> "true".equals(numberBox.getAttribute("aria-invalid")));
        assertEquals(numberBox, driver.switchTo().activeElement(), "focus returns to the number box");
        assertEquals("", request.findElement(By.className("request-result")).getText(),
                "an empty number is not sent, so the request stays open");
        screenshot("authenticator-number-missing");

        typeKeys(wrongNumber);
        tabTo("Approve");
        screenshot("authenticator-wrong-number");
        typeKeys(Keys.ENTER);
        assertEquals(NUMBER_MISMATCH_RESULT, waitForRequestResult(request), "result on the authenticator page");
        assertFalse(request.findElement(By.className("request-form")).isDisplayed(),
                "a refused request can no longer be approved");
        assertEquals(request.findElement(By.className("request-result")), driver.switchTo().activeElement(),
                "focus moves to the result");
        assertNoHorizontalScroll("authenticator refused");
        screenshot("authenticator-refused");

        driver.switchTo().window(resetWindow);
        WebElement summary = waitForErrorSummary();
        assertTrue(summary.getText().contains("did not match"),
                "reset page explains the refusal: " + summary.getText());
        assertFalse(driver.findElement(By.id("push-number-box")).isDisplayed(), "the refused number is hidden");
        assertEquals("", driver.findElement(By.id("status")).getText(),
                "the status no longer asks to approve the refused number");
        screenshot("push-refused");

        sendPushAndReadNumber();
        String authenticatorWindow = driver.getWindowHandles().stream()
                .filter(handle -> !handle.equals(resetWindow))
                .findFirst()
                .orElseThrow();
        driver.switchTo().window(authenticatorWindow);
        WebElement secondRequest = waitForOpenRequest();
        assertNotEquals(request, secondRequest, "the new push shows as a new request");
        tabTo("Deny");
        typeKeys(Keys.ENTER);
        assertEquals("Denied", waitForRequestResult(secondRequest), "result on the authenticator page");
        screenshot("authenticator-denied");

        driver.switchTo().window(resetWindow);
        WebElement secondSummary = waitForErrorSummary();
        assertTrue(secondSummary.getText().contains("denied"),
                "reset page explains the denial: " + secondSummary.getText());
        assertTrue(secondSummary.getText().contains("Select Send Notification to try again"),
                "reset page offers a new push while push tries remain: " + secondSummary.getText());
        control("button", "Send Notification");
    }

    // ---- The reset flow by mouse ----

    /**
     * Resets the demo user's password with SMS then TOTP by clicking, checking each screen on
     * the way. With {@code checkNarrowLayout} every screen must also fit without horizontal
     * scrolling.
     */
    private void completeResetByClicking(boolean checkNarrowLayout) throws Exception {
        driver.get(runner.baseUri().resolve("/").toString());
        String resetId = waitForResetId();
        WebElement captchaImage = driver.findElement(By.id("captcha-image"));
        assertTrue(captchaImage.getAttribute("alt").contains("CAPTCHA"), "CAPTCHA picture has alt text");
        control("button", "Play the audio version");
        control("button", "Get a new picture");
        control("button", "Cancel");
        checkScreen("identify", checkNarrowLayout);

        type(control("textbox", "Email or Username"), USERNAME);
        type(control("textbox", CAPTCHA_LABEL), captchaAnswer(resetId));
        control("button", "Next").click();

        waitForFocusedProgressHeading("verification step 1");
        for (String method : List.of("Text my mobile phone", "Call my mobile phone", PUSH_METHOD,
                "Enter a code from my authenticator app")) {
            control("radio", method);
        }
        checkScreen("choose-method-step-1", checkNarrowLayout);

        control("radio", "Text my mobile phone").click();
        String instructions = driver.findElement(By.id("phone-instructions")).getText();
        assertTrue(Pattern.compile("\\*+33").matcher(instructions).find(),
                "phone instructions show the masked number: " + instructions);
        type(control("textbox", "Enter your phone number"), PHONE_NUMBER);
        int outboxSize = outboxSize();
        control("button", "Text").click();

        WebElement codeBox = control("textbox", CODE_LABEL);
        control("link", "Try again");
        assertFalse(driver.findElement(By.id("resend-countdown")).getText().isBlank(),
                "a countdown shows when Try again becomes available");
        control("link", "Contact your administrator").click();
        WebElement support = wait("the support contact").until(browser -> visibleElement(By.id("support")));
        assertFalse(driver.findElement(By.id("support-text")).getText().isBlank(), "support contact text");
        assertEquals(support, driver.switchTo().activeElement(), "focus moves to the support contact");
        checkScreen("sms-code", checkNarrowLayout);

        type(codeBox, waitForSmsCode(outboxSize));
        control("button", "Next").click();

        waitForFocusedProgressHeading("verification step 2");
        assertTrue(driver.findElements(By.id("method-sms")).stream().noneMatch(WebElement::isDisplayed),
                "step 2 no longer offers the SMS method");
        control("radio", "Enter a code from my authenticator app");
        checkScreen("choose-method-step-2", checkNarrowLayout);

        control("radio", "Enter a code from my authenticator app").click();
        type(control("textbox", CODE_LABEL), totpCode());
        checkScreen("totp-code", checkNarrowLayout);
        control("button", "Next").click();

        waitForFocusedProgressHeading("choose a new password");
        WebElement newPassword = control("textbox", "Enter new password");
        assertFalse(driver.findElements(By.cssSelector("#password-rules .rule")).isEmpty(),
                "the rule checklist comes from GET /v1/password-policy");
        type(newPassword, NEW_PASSWORD);
        type(control("textbox", "Confirm new password"), NEW_PASSWORD);
        List<WebElement> unmet = driver.findElements(By.cssSelector("#password-rules .rule[data-state=unmet]"));
        assertTrue(unmet.isEmpty(), () -> "rules shown as not met for a valid password: "
                + unmet.stream().map(WebElement::getText).toList());
        checkScreen("new-password", checkNarrowLayout);
        control("button", "Finish").click();

        waitForFocusedHeading("Your password has been reset");
        checkScreen("done", checkNarrowLayout);
        control("link", "Sign in").click();
        wait("the sign-in page").until(browser -> browser.getCurrentUrl().contains("signin"));
        checkScreen("sign-in", checkNarrowLayout);
    }

    /** Signs in with the new password (accepted), then with the old one (rejected). */
    private void checkSignIn() throws IOException {
        type(control("textbox", "Email or Username"), USERNAME);
        type(control("textbox", "Password"), NEW_PASSWORD);
        control("button", "Sign in").click();
        WebElement success = wait("the sign-in success message")
                .until(browser -> visibleElement(By.id("signin-success")));
        assertTrue(success.getText().contains("You are signed in"), "new password signs in: " + success.getText());
        screenshot("signed-in-new-password");

        type(control("textbox", "Password"), OLD_PASSWORD);
        control("button", "Sign in").click();
        WebElement summary = waitForErrorSummary();
        assertFalse(summary.getText().isBlank(), "old password is rejected with a message");
        assertFalse(driver.findElement(By.id("signin-success")).isDisplayed(), "no success message for the old password");
        screenshot("rejected-old-password");
    }

    // ---- Push approval ----

    /**
     * Opens the reset page and identifies as the demo user, up to the choice of the first method.
     * Returns the reset id.
     */
    private String identifyAsDemoUser() throws IOException {
        driver.get(runner.baseUri().resolve("/").toString());
        String resetId = waitForResetId();
        type(control("textbox", "Email or Username"), USERNAME);
        type(control("textbox", CAPTCHA_LABEL), captchaAnswer(resetId));
        control("button", "Next").click();
        waitForFocusedProgressHeading("verification step 1");
        return resetId;
    }

    /** Chooses push on the reset page, sends it and returns the number shown, checking that it is large. */
    private String sendPushAndReadNumber() {
        WebElement radio = control("radio", PUSH_METHOD);
        if (!radio.isSelected()) {
            radio.click();
        }
        control("button", "Send Notification").click();
        WebElement number = wait("a two-digit number to match").until(browser -> {
            WebElement candidate = visibleElement(browser, By.id("push-number"));
            return candidate != null && TWO_DIGITS.matcher(candidate.getText()).matches() ? candidate : null;
        });
        double numberSize = fontSizePixels(number);
        double bodySize = fontSizePixels(driver.findElement(By.tagName("body")));
        assertTrue(numberSize >= 2 * bodySize,
                "the number is shown large: " + numberSize + " px against body text of " + bodySize + " px");
        return number.getText();
    }

    private static double fontSizePixels(WebElement element) {
        return Double.parseDouble(element.getCssValue("font-size").replace("px", ""));
    }

    /** Opens the demo user's authenticator page in a second window, the size of a phone screen. */
    private void openAuthenticator() {
        driver.switchTo().newWindow(WindowType.WINDOW);
        driver.manage().window().setSize(new Dimension(420, 900));
        driver.get(runner.baseUri().resolve("/authenticator.html").toString());
        String notice = driver.findElement(By.className("notice")).getText();
        assertTrue(notice.contains("stands in for the authenticator app"), "the page says what it is: " + notice);
        assertTrue(notice.contains("only in the local runner"), "the page says where it exists: " + notice);
    }

    /** Waits for a request card on the authenticator page that can still be approved. */
    private WebElement waitForOpenRequest() {
        return wait("an open password reset request on the authenticator page").until(browser -> {
            for (WebElement request : browser.findElements(By.cssSelector("section.request"))) {
                WebElement heading = request.findElement(By.tagName("h2"));
                if (request.findElement(By.className("request-form")).isDisplayed()
                        && heading.getText().equals("Password reset request")) {
                    return request;
                }
            }
            return null;
        });
    }

    private String waitForRequestResult(WebElement request) {
        return wait("the result of the decision on the authenticator page").until(browser -> {
            String result = request.findElement(By.className("request-result")).getText();
            return result.isBlank() ? null : result;
        });
    }

    private void checkScreen(String screen, boolean checkNarrowLayout) throws IOException {
        screenshot(screen);
        if (checkNarrowLayout) {
            assertNoHorizontalScroll(screen);
        }
    }

    private void assertNoHorizontalScroll(String screen) {
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        Number clientWidth = (Number) driver.executeScript("return document.documentElement.clientWidth;");
        assertTrue(scrollWidth.intValue() <= clientWidth.intValue(), "screen \"" + screen
                + "\" scrolls sideways: content " + scrollWidth + " px wide in a " + clientWidth + " px viewport");
    }

    // ---- Checks this test adds to the shared waits ----

    /** Waits for the focused error summary and also checks that it has the alert role. */
    @Override
    WebElement waitForErrorSummary() {
        WebElement summary = super.waitForErrorSummary();
        assertEquals("alert", summary.getAttribute("role"), "error summary role");
        return summary;
    }

    /** Waits for the focused progress heading and also checks that it marks only one step current. */
    @Override
    WebElement waitForFocusedProgressHeading(String currentStep) {
        WebElement heading = super.waitForFocusedProgressHeading(currentStep);
        List<WebElement> current = heading.findElements(By.cssSelector("[aria-current=step]"));
        assertEquals(1, current.size(), "exactly one step is marked current");
        return heading;
    }

    // ---- Keyboard ----


    /**
     * Selects a radio button with the keyboard. In Chromium both Tab and Shift+Tab enter a radio
     * group with no selection at its first button, and the arrow keys move the selection inside
     * the group. Tab, Space and Enter alone therefore cannot reach a later button.
     */
    private void selectRadioByKeyboard(String name) {
        WebElement active = null;
        for (int press = 0; press < MAX_TAB_PRESSES; press++) {
            typeKeys(Keys.TAB);
            active = driver.switchTo().activeElement();
            if ("radio".equals(active.getAttribute("type"))) {
                break;
            }
        }
        for (int press = 0; press < 4 && !name.equals(active.getAccessibleName()); press++) {
            typeKeys(Keys.ARROW_DOWN);
            active = driver.switchTo().activeElement();
        }
        assertEquals(name, active.getAccessibleName(), "radio button reached by Tab and Down Arrow");
        assertFocusVisible(active, name);
        typeKeys(Keys.SPACE);
        assertTrue(active.isSelected(), "radio button \"" + name + "\" is selected");
    }

    /** Uses the focus the page already moved to the control, or tabs to it. */
    private void focusByKeyboard(String name) {
        WebElement active = driver.switchTo().activeElement();
        if (!name.equals(active.getAccessibleName())) {
            tabTo(name);
        }
    }

    // ---- Local runner data ----

    private String waitForResetId() {
        return wait("a reset id in sessionStorage and a CAPTCHA picture").until(browser -> {
            Object resetId = this.driver.executeScript("return sessionStorage.getItem('sspr.resetId');");
            String src = browser.findElement(By.id("captcha-image")).getAttribute("src");
            return resetId != null && src != null && src.startsWith("data:image/") ? resetId.toString() : null;
        });
    }

    private String captchaAnswer(String resetId) throws IOException {
        String answer = getJson("/dev/captcha/" + resetId).path("answer").asText("");
        assertFalse(answer.isEmpty(), "GET /dev/captcha/" + resetId + " returned no answer");
        return answer;
    }
}
