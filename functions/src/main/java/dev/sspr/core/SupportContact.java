package dev.sspr.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The help desk contact shown to people whom self-service cannot help.
 *
 * @param text the sentence shown on the page, such as "Contact the IT Service Desk at ..."
 * @param phone the help desk's phone number as people dial it, or null
 * @param email the help desk's email address, or null
 * @param url a help page, or null
 */
public record SupportContact(String text, String phone, String email, String url) {

    /** Returns the fields that are set, for a JSON body. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", text);
        if (phone != null) {
            json.put("phone", phone);
        }
        if (email != null) {
            json.put("email", email);
        }
        if (url != null) {
            json.put("url", url);
        }
        return json;
    }
}
