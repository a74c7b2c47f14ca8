package dev.sspr.core;

import dev.sspr.core.password.PolicyRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The read-only facts a page needs before any reset: the password rules and whom to contact. */
public final class PublicInfo {
    private final ResetCore core;

    public PublicInfo(ResetCore core) {
        this.core = core;
    }

    /** Handles {@code GET /v1/password-policy}: the rules the page shows as a live checklist. */
    public ApiResponse passwordPolicy() {
        List<Map<String, Object>> rules = core.passwordPolicy.rules().stream().map(PublicInfo::ruleJson).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minLength", core.passwordPolicy.minLength());
        body.put("maxLength", core.passwordPolicy.maxLength());
        body.put("rules", rules);
        return ApiResponse.of(200, body);
    }

    /**
     * Handles {@code GET /v1/config}: the support contact, the email domain and which CAPTCHA the
     * page shows.
     */
    public ApiResponse config() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("support", core.settings.support().toJson());
        body.put("emailDomain", core.settings.emailDomain());
        body.put("captcha", core.settings.captcha().toJson());
        return ApiResponse.of(200, body);
    }

    private static Map<String, Object> ruleJson(PolicyRule rule) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", rule.id());
        json.put("text", rule.text());
        if (rule.limit() != null) {
            json.put("value", rule.limit());
        }
        return json;
    }
}
