package dev.sspr.local;

import com.sun.net.httpserver.HttpExchange;
import dev.sspr.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the files of one folder in the runner's jar, either static-site/ (copied from the
 * repository by the build) or dev-site/ (pages that exist only in the local runner).
 */
final class StaticSite {
    /** Folder of the reset page, which is deployed to production as well. */
    static final String PRODUCT_ROOT = "/static-site";
    /** Folder of the local runner's companion pages, such as the demo user's authenticator app. */
    static final String DEV_ROOT = "/dev-site";

    private static final Pattern SAFE_PATH = Pattern.compile("^(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "wav", "audio/wav");

    private final String root;

    StaticSite(String root) {
        this.root = root;
    }

    void handle(HttpExchange exchange) throws IOException {
        handle(exchange, exchange.getRequestURI().getPath());
    }

    /** Serves the file at {@code path} inside this site's folder, whatever the request path was. */
    void handle(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            HttpExchanges.sendError(exchange, ErrorCode.HTTP_METHOD_NOT_ALLOWED);
            return;
        }
        if (path.equals("/")) {
            path = "/index.html";
        }
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            HttpExchanges.sendError(exchange, ErrorCode.NOT_FOUND);
            return;
        }
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String contentType = CONTENT_TYPES.get(extension);
        try (InputStream in = StaticSite.class.getResourceAsStream(root + path)) {
            if (in == null || contentType == null) {
                HttpExchanges.sendError(exchange, ErrorCode.NOT_FOUND);
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            HttpExchanges.send(exchange, 200, contentType, in.readAllBytes());
        }
    }
}
