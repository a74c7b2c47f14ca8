package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks how the runner serves its local-only pages: the demo authenticator at
 * {@code /authenticator.html} with its files under {@code /dev-site/}, with the same security
 * headers as the reset page, and never as part of the static site that is deployed.
 */
class DevSiteTest {
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");

    private LocalRunner runner;
    private ApiClient api;

    @BeforeEach
    void startRunner() throws Exception {
        runner = LocalRunner.start(new LocalOptions(0, false, false, null));
        api = new ApiClient(runner.baseUri());
    }

    @AfterEach
    void stopRunner() {
        runner.close();
    }

    @Test
    void authenticatorPage_hasTheSecurityHeaders() {
        HttpResponse<String> page = get("/authenticator.html");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self';"), "Content-Security-Policy: " + policy);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertFalse(INLINE_SCRIPT.matcher(page.body()).find(), "the page has an inline script");
    }

    @Test
    void authenticatorFiles_areServedUnderDevSite() {
        HttpResponse<String> script = get("/dev-site/authenticator.js");
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElse(""));
        assertTrue(script.body().contains("crypto.subtle.importKey('jwk'"), "the script imports the device key");

        HttpResponse<String> styles = get("/dev-site/authenticator.css");
        assertEquals(200, styles.statusCode());
        assertEquals("text/css; charset=utf-8", styles.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void devSite_servesNoOtherFiles() {
        for (String path : List.of("/dev-site/", "/dev-site/index.html", "/dev-site/app.js",
                "/dev-site/../static-site/index.html", "/authenticator.js", "/static-site/index.html")) {
            assertEquals(404, get(path).statusCode(), "GET " + path);
        }
    }

    @Test
    void staticSite_hasNoAuthenticatorPage() throws IOException {
        Path site = Path.of("..", "static-site");
        assertTrue(Files.isDirectory(site), "static-site/ not found from " + Path.of("").toAbsolutePath());
        try (Stream<Path> files = Files.walk(site)) {
            List<Path> authenticatorFiles = files
                    .filter(file -> file.getFileName().toString().startsWith("authenticator"))
                    .toList();
            assertEquals(List.of(), authenticatorFiles, "the deployed site must not carry the demo authenticator");
        }
        assertEquals(200, get("/index.html").statusCode(), "the reset page is still served at the top level");
    }

    /** Sends a GET for the path exactly as written, because URI.resolve would remove its dot segments. */
    private HttpResponse<String> get(String path) {
        URI uri = URI.create("http://localhost:" + runner.baseUri().getPort() + path);
        return api.raw(HttpRequest.newBuilder(uri).GET());
    }
}
