package dev.sspr.local.asl;

import static dev.sspr.local.asl.AslTestSupport.NO_TASKS;
import static dev.sspr.local.asl.AslTestSupport.json;
import static dev.sspr.local.asl.AslTestSupport.parseError;
import static dev.sspr.local.asl.AslTestSupport.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionValidationTest {

    private static void assertRejected(String definition, String expectedMessagePart) {
        AslDefinitionException error = parseError(definition);
        assertTrue(error.getMessage().contains(expectedMessagePart),
                () -> "message '" + error.getMessage() + "' lacks '" + expectedMessagePart + "'");
    }

    @Test
    void substitutions_replacePlaceholders() {
        String definition = """
                {"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "${ResetFunctionArn}", "End": true}}}
                """;
        StateMachine machine = StateMachine.parse(definition, Map.of("ResetFunctionArn", "arn:fn:reset"),
                (resource, input) -> json("\"" + resource + "\""));

        assertEquals(json("\"arn:fn:reset\""), machine.execute(json("{}"), "t").output());
    }

    @Test
    void substitutions_unknownPlaceholderIsRejected() {
        String definition = """
                {"StartAt": "S", "States": {"S": {"Type": "Task", "Resource": "${Missing}", "End": true}}}
                """;

        AslDefinitionException error = assertThrows(AslDefinitionException.class,
                () -> StateMachine.parse(definition, Map.of("Other", "x"), NO_TASKS));
        assertTrue(error.getMessage().contains("[Missing]"), error.getMessage());
        assertTrue(error.getMessage().contains("[Other]"), error.getMessage());
    }

    @Test
    void substitutions_bangEscapeKeepsLiteralPlaceholder() {
        String definition = """
                {"StartAt": "S", "States": {"S": {"Type": "Pass", "Result": "${!Literal}", "End": true}}}
                """;

        StateMachine machine = StateMachine.parse(definition, Map.of(), NO_TASKS);

        assertEquals(json("\"${Literal}\""), machine.execute(json("{}"), "t").output());
    }

    @Test
    void parse_invalidJsonIsRejected() {
        assertRejected("{\"StartAt\": ", "not valid JSON");
    }

    @Test
    void parse_missingStartAtIsRejected() {
        assertRejected("{\"States\": {\"S\": {\"Type\": \"Succeed\"}}}", "'StartAt' is required");
    }

    @Test
    void parse_unknownStartAtIsRejected() {
        assertRejected("{\"StartAt\": \"Nope\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}", "'Nope'");
    }

    @Test
    void parse_emptyStatesIsRejected() {
        assertRejected("{\"StartAt\": \"S\", \"States\": {}}", "non-empty object");
    }

    @Test
    void parse_unknownNextIsRejected() {
        assertRejected(single("{\"Type\": \"Pass\", \"Next\": \"Elsewhere\"}"), "transitions to 'Elsewhere'");
    }

    @Test
    void parse_unknownDefaultIsRejected() {
        assertRejected(single("""
                {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "S"}],
                 "Default": "Gone"}
                """), "transitions to 'Gone'");
    }

    @Test
    void parse_unknownCatchNextIsRejected() {
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Gone"}]}
                """), "transitions to 'Gone'");
    }

    @Test
    void parse_missingNextAndEndIsRejected() {
        assertRejected(single("{\"Type\": \"Pass\"}"), "needs a Next field or \"End\": true");
    }

    @Test
    void parse_nextAndEndTogetherAreRejected() {
        assertRejected(single("{\"Type\": \"Pass\", \"Next\": \"S\", \"End\": true}"), "both Next and");
    }

    @Test
    void parse_succeedWithNextIsRejected() {
        assertRejected("""
                {"StartAt": "S", "States": {"S": {"Type": "Succeed", "Next": "T"}, "T": {"Type": "Succeed"}}}
                """, "must not have a Next or End");
    }

    @Test
    void parse_failWithEndIsRejected() {
        assertRejected(single("{\"Type\": \"Fail\", \"End\": true}"), "must not have a Next or End");
    }

    @Test
    void parse_failWithInputPathIsRejected() {
        assertRejected(single("{\"Type\": \"Fail\", \"InputPath\": \"$\"}"), "unknown field(s) [InputPath]");
    }

    @Test
    void parse_parallelIsRejected() {
        assertRejected(single("{\"Type\": \"Parallel\", \"Branches\": [], \"End\": true}"),
                "Parallel is not supported");
    }

    @Test
    void parse_mapIsRejected() {
        assertRejected(single("{\"Type\": \"Map\", \"End\": true}"), "Map is not supported");
    }

    @Test
    void parse_unknownTypeIsRejected() {
        assertRejected(single("{\"Type\": \"Sleep\", \"End\": true}"), "unknown state type 'Sleep'");
    }

    @Test
    void parse_misspelledFieldIsRejected() {
        assertRejected(single("{\"Type\": \"Pass\", \"OutputPth\": \"$\", \"End\": true}"), "[OutputPth]");
    }

    @Test
    void parse_resultSelectorOnPassIsRejected() {
        assertRejected(single("{\"Type\": \"Pass\", \"ResultSelector\": {}, \"End\": true}"), "[ResultSelector]");
    }

    @Test
    void parse_jsonataIsRejected() {
        assertRejected("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Succeed"}}}
                """, "QueryLanguage 'JSONata' is not supported");
    }

    @Test
    void parse_explicitJsonPathIsAccepted() {
        StateMachine machine = StateMachine.parse("""
                {"QueryLanguage": "JSONPath", "Comment": "c", "Version": "1.0", "TimeoutSeconds": 30,
                 "StartAt": "S", "States": {"S": {"Type": "Succeed", "QueryLanguage": "JSONPath", "Comment": "x"}}}
                """, Map.of(), NO_TASKS);

        assertEquals("S", machine.startAt());
    }

    @Test
    void parse_assignIsRejectedAsUnsupported() {
        assertRejected(single("{\"Type\": \"Pass\", \"Assign\": {\"x\": 1}, \"End\": true}"), "workflow variables");
    }

    @Test
    void parse_orphanStateIsRejected() {
        assertRejected("""
                {"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "Orphan": {"Type": "Succeed"}}}
                """, "[Orphan]");
    }

    @Test
    void parse_invalidPathIsRejected() {
        assertRejected(single("{\"Type\": \"Pass\", \"InputPath\": \"$.a[\", \"End\": true}"), "InputPath");
        assertRejected(single("{\"Type\": \"Pass\", \"InputPath\": \"a.b\", \"End\": true}"), "not a valid path");
    }

    @Test
    void parse_resultPathMustBeReferencePath() {
        assertRejected(single("{\"Type\": \"Pass\", \"ResultPath\": \"$.a[*]\", \"End\": true}"),
                "not a valid reference path");
        assertRejected(single("{\"Type\": \"Pass\", \"ResultPath\": \"$$.Execution\", \"End\": true}"),
                "not a valid reference path");
    }

    @Test
    void parse_dynamicParameterMustBeString() {
        assertRejected(single("{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": 1}, \"End\": true}"),
                "must have a string value");
    }

    @Test
    void parse_plainDynamicValueIsRejected() {
        assertRejected(single("{\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"plain\"}, \"End\": true}"),
                "not a valid path");
    }

    @Test
    void parse_collidingParameterNamesAreRejected() {
        assertRejected(single("{\"Type\": \"Pass\", \"Parameters\": {\"a\": 1, \"a.$\": \"$.x\"}, \"End\": true}"),
                "would both produce 'a'");
    }

    @Test
    void parse_taskWithoutResourceIsRejected() {
        assertRejected(single("{\"Type\": \"Task\", \"End\": true}"), "'Resource' is required");
    }

    @Test
    void parse_statesAllMustBeAlone() {
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["States.ALL", "Other"]}]}
                """), "States.ALL must be the only error name");
    }

    @Test
    void parse_statesAllMustBeLast() {
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "S"}, {"ErrorEquals": ["X"], "Next": "S"}]}
                """), "only in the last element");
    }

    @Test
    void parse_emptyErrorEqualsIsRejected() {
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "End": true, "Retry": [{"ErrorEquals": []}]}
                """), "'ErrorEquals' must be a non-empty array");
    }

    @Test
    void parse_invalidRetryFieldsAreRejected() {
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["X"], "BackoffRate": 0.5}]}
                """), "BackoffRate");
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["X"], "IntervalSeconds": 0}]}
                """), "IntervalSeconds");
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": -1}]}
                """), "MaxAttempts");
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["X"], "JitterStrategy": "HALF"}]}
                """), "JitterStrategy");
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "End": true,
                 "Retry": [{"ErrorEquals": ["X"], "MaxDelaySeconds": 0}]}
                """), "MaxDelaySeconds");
    }

    @Test
    void parse_timeoutFieldsAreChecked() {
        assertRejected(single("{\"Type\": \"Task\", \"Resource\": \"fn\", \"TimeoutSeconds\": 0, \"End\": true}"),
                "TimeoutSeconds");
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t", "End": true}
                """), "cannot be used together");
        assertRejected(single("""
                {"Type": "Task", "Resource": "fn", "TimeoutSeconds": 5, "HeartbeatSeconds": 5, "End": true}
                """), "HeartbeatSeconds must be smaller");
    }

    @Test
    void parse_waitNeedsExactlyOneDuration() {
        assertRejected(single("{\"Type\": \"Wait\", \"End\": true}"), "exactly one of Seconds");
        assertRejected(single("{\"Type\": \"Wait\", \"Seconds\": 1, \"SecondsPath\": \"$.s\", \"End\": true}"),
                "exactly one of Seconds");
    }

    @Test
    void parse_waitTimestampMustBeRfc3339() {
        assertRejected(single("{\"Type\": \"Wait\", \"Timestamp\": \"2024-01-01 10:00\", \"End\": true}"),
                "RFC 3339");
    }

    @Test
    void parse_errorWithErrorPathIsRejected() {
        assertRejected(single("{\"Type\": \"Fail\", \"Error\": \"E\", \"ErrorPath\": \"$.e\"}"),
                "Error and ErrorPath cannot be used together");
    }

    @Test
    void parse_messageNamesStateAndField() {
        assertRejected("""
                {"StartAt": "Route", "States": {"Route": {"Type": "Pass", "ResultPath": 5, "End": true}}}
                """, "State 'Route': the field 'ResultPath' must be a string");
    }
}
