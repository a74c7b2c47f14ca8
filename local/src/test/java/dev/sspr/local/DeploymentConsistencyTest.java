package dev.sspr.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sspr.core.ErrorCode;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps template.yaml, the state machine definition and the Java code in step. */
class DeploymentConsistencyTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern HANDLER = Pattern.compile("Handler:\\s*(\\S+)::handleRequest");
    private static final Pattern SUBSTITUTION_KEY = Pattern.compile("^\\s{8}(\\w+):\\s*!", Pattern.MULTILINE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");

    @Test
    void templateHandlers_areRequestHandlersWithNoArgConstructors() throws Exception {
        Matcher matcher = HANDLER.matcher(read("template.yaml"));
        int count = 0;
        while (matcher.find()) {
            Class<?> type = Class.forName(matcher.group(1));
            assertTrue(RequestHandler.class.isAssignableFrom(type), type + " is not a RequestHandler");
            assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()), type + " needs a public constructor");
            count++;
        }
        assertEquals(9, count, "one function per Task of the state machine");
    }

    @Test
    void definitionPlaceholders_matchTemplateSubstitutions() throws IOException {
        String template = read("template.yaml");
        String substitutions = template.substring(template.indexOf("DefinitionSubstitutions:"),
                template.indexOf("Logging:", template.indexOf("DefinitionSubstitutions:")));
        Set<String> defined = matches(SUBSTITUTION_KEY, substitutions);
        Set<String> used = matches(PLACEHOLDER, read("statemachine/reset.asl.json"));

        assertFalse(used.isEmpty());
        assertEquals(defined, used);
    }

    @Test
    void definitionErrorMessages_matchTheErrorCodes() throws IOException {
        JsonNode states = new ObjectMapper().readTree(read("statemachine/reset.asl.json")).path("States");
        int checked = 0;
        for (JsonNode state : (Iterable<JsonNode>) states::elements) {
            JsonNode body = state.path("Parameters").path("body");
            if (body.has("error")) {
                ErrorCode code = ErrorCode.valueOf(body.path("error").asText().toUpperCase());
                assertEquals(code.message(), body.path("message").asText(), code.code());
                assertEquals(code.httpStatus(), state.path("Parameters").path("statusCode").asInt(), code.code());
                checked++;
            }
        }
        assertTrue(checked >= 4, "expected the error states of the definition, found " + checked);
    }

    @Test
    void errorCodes_areUnique() {
        Set<String> codes = new TreeSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(codes.add(code.code()), "duplicate code " + code.code());
            assertTrue(code.message().endsWith("."), code.code() + " message must be a sentence");
        }
    }

    @Test
    void readme_namesEveryErrorCode() throws IOException {
        String readme = read("README.md");
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(readme.contains("`" + code.code() + "`"), "README.md does not mention " + code.code());
        }
    }

    @Test
    void openApi_namesEveryErrorCode() throws IOException {
        String openApi = read("docs/openapi.yaml");
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(openApi.contains(code.code()), "docs/openapi.yaml does not mention " + code.code());
        }
    }

    @Test
    void requiredEnvironmentVariables_areSetByTheTemplate() throws IOException {
        String factory = read("functions/src/main/java/dev/sspr/adapter/aws/AwsCoreFactory.java");
        Set<String> required = matches(Pattern.compile("required\\(environment, \"([A-Z0-9_]+)\"\\)"), factory);
        required.add("PASSWORD_HISTORY_KEY_ID");
        required.remove("AWS_REGION");
        String template = read("template.yaml");
        String globals = template.substring(template.indexOf("Globals:"), template.indexOf("Resources:"));

        assertTrue(required.size() >= 9, "expected the table, key and domain variables, found " + required);
        for (String name : required) {
            assertTrue(globals.contains(name + ":"), "template.yaml Globals do not set " + name);
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String read(String relative) throws IOException {
        return Files.readString(ROOT.resolve(relative));
    }
}
