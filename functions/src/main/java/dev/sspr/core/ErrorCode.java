package dev.sspr.core;

/**
 * Every error the API can return: the stable code a client matches on, the HTTP status and the
 * sentence shown to the person. Messages never name a user, a number or an internal detail.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, "The request is incomplete or malformed. Check the fields and try again."),
    CAPTCHA_INVALID(400, "The characters you entered did not match the picture. Try the new picture."),
    CAPTCHA_REQUIRED(400, "Solve the CAPTCHA puzzle, then select Next again."),
    PHONE_MISMATCH(400, "That phone number does not match the number we have for you."),
    CODE_INVALID(400, "That code is not correct. Check the code and try again."),
    CODE_EXPIRED(400, "That code has expired or was used up. Ask for a new code."),
    CODE_NOT_SENT(400, "No code was sent for this method yet. Ask for a code first."),
    ATTEMPTS_EXHAUSTED(400, "Too many wrong codes were entered for this method. Choose another method or"
            + " start again."),
    NUMBER_MISMATCH(400, "That number does not match the number on the reset page. The request was refused."),
    INVALID_CREDENTIALS(401, "The username or password is incorrect."),
    DEVICE_UNAUTHORIZED(401, "The device signature is missing, invalid or too old. Check the device clock."),
    CHALLENGE_NOT_FOUND(404, "That request was not found, has expired or was already answered."),
    DESTINATION_NOT_ALLOWED(400, "Codes cannot be sent to the country of your registered number. Choose"
            + " another method or contact your administrator."),
    METHOD_NOT_ALLOWED(400, "That verification method cannot be used for this step. Choose another method."),
    STEP_NOT_ALLOWED(403, "That step is not available now. Follow the steps in order."),
    RESET_NOT_FOUND(404, "This password reset was not found or has expired. Start again."),
    NOT_FOUND(404, "There is nothing at this address."),
    CAPTCHA_NOT_USED(404, "This service checks the CAPTCHA with AWS WAF, so it has no CAPTCHA picture or audio."),
    HTTP_METHOD_NOT_ALLOWED(405, "This address does not accept that HTTP method."),
    PAYLOAD_TOO_LARGE(413, "The request body is too large."),
    UNSUPPORTED_MEDIA_TYPE(415, "Send the request body as JSON with Content-Type: application/json."),
    CONFLICT(409, "Another request for this reset was handled at the same moment. Try again."),
    PASSWORD_MIN_AGE(409, "Your password was changed less than 24 hours ago, so it cannot be changed yet."),
    PASSWORD_POLICY(422, "The new password does not meet the password rules."),
    LOCKED(423, "Self-service password reset is locked for this account. Try again later or contact your"
            + " administrator."),
    RATE_LIMITED(429, "Too many requests. Try again after the time given."),
    DELIVERY_FAILED(503, "We could not send the code just now. Wait a minute and try again."),
    INTERNAL_ERROR(500, "Something went wrong on our side. Try again, and quote the reference if you"
            + " contact your administrator.");

    private final int httpStatus;
    private final String message;

    ErrorCode(int httpStatus, String message) {
        this.httpStatus = httpStatus;
        this.message = message;
    }

    /** Returns the snake_case code clients see, such as {@code step_not_allowed}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String message() {
        return message;
    }
}
