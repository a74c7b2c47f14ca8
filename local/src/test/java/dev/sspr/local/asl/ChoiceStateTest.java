package dev.sspr.local.asl;

import static dev.sspr.local.asl.AslTestSupport.json;
import static dev.sspr.local.asl.AslTestSupport.machine;
import static dev.sspr.local.asl.AslTestSupport.parseError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChoiceStateTest {

    /** Definition whose Choice goes to Yes when {@code rule} matches, else to No. */
    private static String choice(String rule) {
        return """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [%s], "Default": "No"},
                  "Yes": {"Type": "Pass", "Result": "yes", "End": true},
                  "No": {"Type": "Pass", "Result": "no", "End": true}}}
                """.formatted(rule.replace("}NEXT", ", \"Next\": \"Yes\"}"));
    }

    /** Returns "yes" or "no", or the error name when the execution fails. */
    private static String decide(String rule, String input) {
        ExecutionResult result = machine(choice(rule)).execute(json(input), "t");
        return result.succeeded() ? result.output().textValue() : result.error();
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.v\", \"StringEquals\": \"abc\"}NEXT | {\"v\": \"abc\"} | yes",
        "{\"Variable\": \"$.v\", \"StringEquals\": \"abc\"}NEXT | {\"v\": \"abd\"} | no",
        "{\"Variable\": \"$.v\", \"StringEquals\": \"1\"}NEXT | {\"v\": 1} | no",
        "{\"Variable\": \"$.v\", \"StringLessThan\": \"b\"}NEXT | {\"v\": \"a\"} | yes",
        "{\"Variable\": \"$.v\", \"StringLessThan\": \"b\"}NEXT | {\"v\": \"b\"} | no",
        "{\"Variable\": \"$.v\", \"StringGreaterThan\": \"b\"}NEXT | {\"v\": \"c\"} | yes",
        "{\"Variable\": \"$.v\", \"StringLessThanEquals\": \"b\"}NEXT | {\"v\": \"b\"} | yes",
        "{\"Variable\": \"$.v\", \"StringGreaterThanEquals\": \"b\"}NEXT | {\"v\": \"a\"} | no",
        "{\"Variable\": \"$.v\", \"NumericEquals\": 5}NEXT | {\"v\": 5.0} | yes",
        "{\"Variable\": \"$.v\", \"NumericEquals\": 5}NEXT | {\"v\": \"5\"} | no",
        "{\"Variable\": \"$.v\", \"NumericLessThan\": 5}NEXT | {\"v\": 4.99} | yes",
        "{\"Variable\": \"$.v\", \"NumericGreaterThan\": 5}NEXT | {\"v\": 5} | no",
        "{\"Variable\": \"$.v\", \"NumericLessThanEquals\": 5}NEXT | {\"v\": 5} | yes",
        "{\"Variable\": \"$.v\", \"NumericGreaterThanEquals\": 5}NEXT | {\"v\": 6} | yes",
        "{\"Variable\": \"$.v\", \"BooleanEquals\": true}NEXT | {\"v\": true} | yes",
        "{\"Variable\": \"$.v\", \"BooleanEquals\": true}NEXT | {\"v\": \"true\"} | no",
        "{\"Variable\": \"$.v\", \"TimestampEquals\": \"2024-01-01T00:00:00Z\"}NEXT"
                + " | {\"v\": \"2024-01-01T01:00:00+01:00\"} | yes",
        "{\"Variable\": \"$.v\", \"TimestampLessThan\": \"2024-01-01T00:00:00Z\"}NEXT"
                + " | {\"v\": \"2023-12-31T23:59:59.999Z\"} | yes",
        "{\"Variable\": \"$.v\", \"TimestampGreaterThan\": \"2024-01-01T00:00:00Z\"}NEXT"
                + " | {\"v\": \"2024-01-01T00:00:00Z\"} | no",
        "{\"Variable\": \"$.v\", \"TimestampLessThanEquals\": \"2024-01-01T00:00:00Z\"}NEXT"
                + " | {\"v\": \"2024-01-01T00:00:00Z\"} | yes",
        "{\"Variable\": \"$.v\", \"TimestampGreaterThanEquals\": \"2024-01-01T00:00:00Z\"}NEXT"
                + " | {\"v\": \"not a time\"} | no",
        "{\"Variable\": \"$.v\", \"TimestampEquals\": \"2024-01-01T00:00:00Z\"}NEXT"
                + " | {\"v\": \"2024-01-01t00:00:00z\"} | no",
    })
    void choice_comparisonOperators(String rule, String input, String expected) {
        assertEquals(expected, decide(rule, input));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.v\", \"StringEqualsPath\": \"$.w\"}NEXT | {\"v\": \"a\", \"w\": \"a\"} | yes",
        "{\"Variable\": \"$.v\", \"StringLessThanPath\": \"$.w\"}NEXT | {\"v\": \"a\", \"w\": \"b\"} | yes",
        "{\"Variable\": \"$.v\", \"StringGreaterThanPath\": \"$.w\"}NEXT | {\"v\": \"a\", \"w\": \"b\"} | no",
        "{\"Variable\": \"$.v\", \"StringLessThanEqualsPath\": \"$.w\"}NEXT | {\"v\": \"b\", \"w\": \"b\"} | yes",
        "{\"Variable\": \"$.v\", \"StringGreaterThanEqualsPath\": \"$.w\"}NEXT | {\"v\": \"c\", \"w\": \"b\"} | yes",
        "{\"Variable\": \"$.v\", \"NumericEqualsPath\": \"$.w\"}NEXT | {\"v\": 2, \"w\": 2} | yes",
        "{\"Variable\": \"$.v\", \"NumericLessThanPath\": \"$.w\"}NEXT | {\"v\": 1, \"w\": 2} | yes",
        "{\"Variable\": \"$.v\", \"NumericGreaterThanPath\": \"$.w\"}NEXT | {\"v\": 1, \"w\": 2} | no",
        "{\"Variable\": \"$.v\", \"NumericLessThanEqualsPath\": \"$.w\"}NEXT | {\"v\": 3, \"w\": 2} | no",
        "{\"Variable\": \"$.v\", \"NumericGreaterThanEqualsPath\": \"$.w\"}NEXT | {\"v\": 2, \"w\": 2} | yes",
        "{\"Variable\": \"$.v\", \"NumericEqualsPath\": \"$.w\"}NEXT | {\"v\": 2, \"w\": \"2\"} | no",
        "{\"Variable\": \"$.v\", \"BooleanEqualsPath\": \"$.w\"}NEXT | {\"v\": false, \"w\": false} | yes",
        "{\"Variable\": \"$.v\", \"TimestampEqualsPath\": \"$.w\"}NEXT"
                + " | {\"v\": \"2024-01-01T00:00:00Z\", \"w\": \"2024-01-01T00:00:00Z\"} | yes",
        "{\"Variable\": \"$.v\", \"TimestampLessThanPath\": \"$.w\"}NEXT"
                + " | {\"v\": \"2024-01-01T00:00:00Z\", \"w\": \"2024-01-02T00:00:00Z\"} | yes",
        "{\"Variable\": \"$.v\", \"TimestampGreaterThanPath\": \"$.w\"}NEXT"
                + " | {\"v\": \"2024-01-03T00:00:00Z\", \"w\": \"2024-01-02T00:00:00Z\"} | yes",
        "{\"Variable\": \"$.v\", \"TimestampLessThanEqualsPath\": \"$.w\"}NEXT"
                + " | {\"v\": \"2024-01-03T00:00:00Z\", \"w\": \"2024-01-02T00:00:00Z\"} | no",
        "{\"Variable\": \"$.v\", \"TimestampGreaterThanEqualsPath\": \"$.w\"}NEXT"
                + " | {\"v\": \"2024-01-02T00:00:00Z\", \"w\": \"2024-01-02T00:00:00Z\"} | yes",
        "{\"Variable\": \"$.v\", \"StringEqualsPath\": \"$.missing\"}NEXT | {\"v\": \"a\"} | States.Runtime",
    })
    void choice_pathOperators(String rule, String input, String expected) {
        assertEquals(expected, decide(rule, input));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.v\", \"StringMatches\": \"log-*.txt\"}NEXT | {\"v\": \"log-2024.txt\"} | yes",
        "{\"Variable\": \"$.v\", \"StringMatches\": \"log-*.txt\"}NEXT | {\"v\": \"log-.txt\"} | yes",
        "{\"Variable\": \"$.v\", \"StringMatches\": \"log-*.txt\"}NEXT | {\"v\": \"log-1.csv\"} | no",
        "{\"Variable\": \"$.v\", \"StringMatches\": \"*\"}NEXT | {\"v\": \"\"} | yes",
        "{\"Variable\": \"$.v\", \"StringMatches\": \"a\\\\*b\"}NEXT | {\"v\": \"a*b\"} | yes",
        "{\"Variable\": \"$.v\", \"StringMatches\": \"a\\\\*b\"}NEXT | {\"v\": \"axb\"} | no",
        "{\"Variable\": \"$.v\", \"StringMatches\": \"a\\\\\\\\b\"}NEXT | {\"v\": \"a\\\\b\"} | yes",
        "{\"Variable\": \"$.v\", \"StringMatches\": \"a.c\"}NEXT | {\"v\": \"abc\"} | no",
        "{\"Variable\": \"$.v\", \"StringMatches\": \"*\"}NEXT | {\"v\": 3} | no",
    })
    void choice_stringMatches(String rule, String input, String expected) {
        assertEquals(expected, decide(rule, input));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.v\", \"IsNull\": true}NEXT | {\"v\": null} | yes",
        "{\"Variable\": \"$.v\", \"IsNull\": true}NEXT | {\"v\": 0} | no",
        "{\"Variable\": \"$.v\", \"IsNull\": false}NEXT | {\"v\": 0} | yes",
        "{\"Variable\": \"$.v\", \"IsPresent\": true}NEXT | {\"v\": null} | yes",
        "{\"Variable\": \"$.v\", \"IsPresent\": true}NEXT | {} | no",
        "{\"Variable\": \"$.v\", \"IsPresent\": false}NEXT | {} | yes",
        "{\"Variable\": \"$.list[2]\", \"IsPresent\": true}NEXT | {\"list\": [1]} | no",
        "{\"Variable\": \"$.v\", \"IsNumeric\": true}NEXT | {\"v\": 1.5} | yes",
        "{\"Variable\": \"$.v\", \"IsNumeric\": true}NEXT | {\"v\": \"1.5\"} | no",
        "{\"Variable\": \"$.v\", \"IsString\": true}NEXT | {\"v\": \"x\"} | yes",
        "{\"Variable\": \"$.v\", \"IsString\": false}NEXT | {\"v\": 1} | yes",
        "{\"Variable\": \"$.v\", \"IsBoolean\": true}NEXT | {\"v\": false} | yes",
        "{\"Variable\": \"$.v\", \"IsBoolean\": true}NEXT | {\"v\": \"false\"} | no",
        "{\"Variable\": \"$.v\", \"IsTimestamp\": true}NEXT | {\"v\": \"2024-02-29T12:00:00.5-05:00\"} | yes",
        "{\"Variable\": \"$.v\", \"IsTimestamp\": true}NEXT | {\"v\": \"2024-02-29\"} | no",
        "{\"Variable\": \"$.v\", \"IsTimestamp\": true}NEXT | {\"v\": \"2023-02-29T12:00:00Z\"} | no",
    })
    void choice_typeTests(String rule, String input, String expected) {
        assertEquals(expected, decide(rule, input));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.missing\", \"StringEquals\": \"a\"}NEXT | {}",
        "{\"Variable\": \"$.missing\", \"NumericEquals\": 1}NEXT | {}",
        "{\"Variable\": \"$.missing\", \"IsNull\": true}NEXT | {}",
        "{\"Variable\": \"$.missing\", \"IsString\": false}NEXT | {}",
        "{\"Variable\": \"$.missing\", \"StringMatches\": \"*\"}NEXT | {}",
    })
    void choice_missingVariableFails(String rule, String input) {
        assertEquals("States.Runtime", decide(rule, input));
    }

    @Test
    void choice_andRequiresAllRules() {
        String rule = """
                {"And": [{"Variable": "$.a", "NumericGreaterThan": 1},
                         {"Variable": "$.b", "StringEquals": "x"}]}NEXT""";

        assertEquals("yes", decide(rule, "{\"a\": 2, \"b\": \"x\"}"));
        assertEquals("no", decide(rule, "{\"a\": 2, \"b\": \"y\"}"));
    }

    @Test
    void choice_orRequiresOneRule() {
        String rule = """
                {"Or": [{"Variable": "$.a", "NumericGreaterThan": 1},
                        {"Variable": "$.b", "StringEquals": "x"}]}NEXT""";

        assertEquals("yes", decide(rule, "{\"a\": 0, \"b\": \"x\"}"));
        assertEquals("no", decide(rule, "{\"a\": 0, \"b\": \"y\"}"));
    }

    @Test
    void choice_orStopsAtFirstMatch() {
        String rule = """
                {"Or": [{"Variable": "$.a", "IsPresent": true},
                        {"Variable": "$.missing", "StringEquals": "x"}]}NEXT""";

        assertEquals("yes", decide(rule, "{\"a\": 0}"));
    }

    @Test
    void choice_notInvertsRule() {
        String rule = """
                {"Not": {"Variable": "$.type", "StringEquals": "Private"}}NEXT""";

        assertEquals("yes", decide(rule, "{\"type\": \"Public\"}"));
        assertEquals("no", decide(rule, "{\"type\": \"Private\"}"));
    }

    @Test
    void choice_nestedCombinators() {
        String rule = """
                {"And": [{"Not": {"Variable": "$.v", "IsNull": true}},
                         {"Or": [{"Variable": "$.v", "NumericLessThan": 0},
                                 {"Variable": "$.v", "NumericGreaterThan": 10}]}]}NEXT""";

        assertEquals("yes", decide(rule, "{\"v\": 11}"));
        assertEquals("no", decide(rule, "{\"v\": 5}"));
        assertEquals("no", decide(rule, "{\"v\": null}"));
    }

    @Test
    void choice_firstMatchingRuleWins() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [
                          {"Variable": "$.v", "NumericGreaterThan": 0, "Next": "A"},
                          {"Variable": "$.v", "NumericGreaterThan": 5, "Next": "B"}]},
                  "A": {"Type": "Pass", "Result": "A", "End": true},
                  "B": {"Type": "Pass", "Result": "B", "End": true}}}
                """;

        assertEquals(json("\"A\""), machine(definition).execute(json("{\"v\": 9}"), "t").output());
    }

    @Test
    void choice_noMatchUsesDefault() {
        assertEquals("no", decide("{\"Variable\": \"$.v\", \"StringEquals\": \"x\"}NEXT", "{\"v\": \"y\"}"));
    }

    @Test
    void choice_noMatchWithoutDefaultFails() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.v", "StringEquals": "x", "Next": "A"}]},
                  "A": {"Type": "Succeed"}}}
                """;

        ExecutionResult result = machine(definition).execute(json("{\"v\": \"y\"}"), "t");

        assertEquals("States.NoChoiceMatched", result.error());
        assertTrue(result.cause().contains("'C'"), result.cause());
    }

    @Test
    void choice_appliesInputAndOutputPath() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "InputPath": "$.req", "OutputPath": "$.user",
                        "Choices": [{"Variable": "$.action", "StringEquals": "reset", "Next": "A"}]},
                  "A": {"Type": "Succeed"}}}
                """;

        ExecutionResult result = machine(definition)
                .execute(json("{\"req\": {\"action\": \"reset\", \"user\": {\"id\": 1}}}"), "t");

        assertEquals(json("{\"id\": 1}"), result.output());
    }

    @Test
    void choice_variableCanReadContextObject() {
        String definition = """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice",
                        "Choices": [{"Variable": "$$.Execution.Name", "StringMatches": "smoke-*", "Next": "A"}],
                        "Default": "B"},
                  "A": {"Type": "Pass", "Result": "A", "End": true},
                  "B": {"Type": "Pass", "Result": "B", "End": true}}}
                """;

        assertEquals(json("\"A\""), machine(definition).execute(json("{}"), "smoke-1").output());
    }

    @Test
    void choice_operandOfWrongTypeIsRejected() {
        AslDefinitionException error = parseError(choice("{\"Variable\": \"$.v\", \"NumericEquals\": \"5\"}NEXT"));

        assertTrue(error.getMessage().contains("NumericEquals must be a number"), error.getMessage());
    }

    @Test
    void choice_invalidTimestampOperandIsRejected() {
        AslDefinitionException error = parseError(
                choice("{\"Variable\": \"$.v\", \"TimestampEquals\": \"2024-01-01\"}NEXT"));

        assertTrue(error.getMessage().contains("RFC 3339"), error.getMessage());
    }

    @Test
    void choice_twoOperatorsAreRejected() {
        AslDefinitionException error = parseError(
                choice("{\"Variable\": \"$.v\", \"StringEquals\": \"a\", \"IsPresent\": true}NEXT"));

        assertTrue(error.getMessage().contains("exactly one comparison operator"), error.getMessage());
    }

    @Test
    void choice_unknownOperatorIsRejected() {
        AslDefinitionException error = parseError(choice("{\"Variable\": \"$.v\", \"StringContains\": \"a\"}NEXT"));

        assertTrue(error.getMessage().contains("StringContains"), error.getMessage());
    }

    @Test
    void choice_topLevelRuleNeedsNext() {
        AslDefinitionException error = parseError(choice("{\"Variable\": \"$.v\", \"IsPresent\": true}"));

        assertTrue(error.getMessage().contains("'Next' is required"), error.getMessage());
    }

    @Test
    void choice_nestedRuleMustNotHaveNext() {
        AslDefinitionException error = parseError(
                choice("{\"Not\": {\"Variable\": \"$.v\", \"IsPresent\": true, \"Next\": \"Yes\"}}NEXT"));

        assertTrue(error.getMessage().contains("must not have a Next"), error.getMessage());
    }

    @Test
    void choice_emptyAndIsRejected() {
        AslDefinitionException error = parseError(choice("{\"And\": []}NEXT"));

        assertTrue(error.getMessage().contains("non-empty array"), error.getMessage());
    }

    @Test
    void choice_badStringMatchesEscapeIsRejected() {
        AslDefinitionException error = parseError(
                choice("{\"Variable\": \"$.v\", \"StringMatches\": \"a\\\\b\"}NEXT"));

        assertTrue(error.getMessage().contains("backslash"), error.getMessage());
    }

    @Test
    void choice_nextAndEndAreRejected() {
        AslDefinitionException error = parseError("""
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.v", "IsPresent": true, "Next": "A"}],
                        "End": true},
                  "A": {"Type": "Succeed"}}}
                """);

        assertTrue(error.getMessage().contains("must not have a Next or End"), error.getMessage());
    }
}
