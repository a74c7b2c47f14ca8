package dev.sspr.local.asl;

import static dev.sspr.local.asl.AslTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * End-to-end run of a definition shaped like the password reset flow: a Choice routes on
 * {@code $.action}, Tasks call handlers with Retry and Catch, and a Pass state builds the
 * error response from the caught error.
 */
class RealisticDefinitionTest {
    private static final String DEFINITION = """
            {
              "Comment": "Self-service password reset request router",
              "StartAt": "RouteAction",
              "States": {
                "RouteAction": {
                  "Type": "Choice",
                  "Choices": [
                    {"Variable": "$.action", "StringEquals": "start", "Next": "StartReset"},
                    {"And": [{"Variable": "$.action", "StringEquals": "verify"},
                             {"Variable": "$.code", "IsPresent": true}],
                     "Next": "VerifyCode"}
                  ],
                  "Default": "RejectAction"
                },
                "StartReset": {
                  "Type": "Task",
                  "Resource": "${StartResetHandler}",
                  "Parameters": {
                    "username.$": "$.username",
                    "requestId.$": "$$.Execution.Name",
                    "attempt.$": "$$.State.RetryCount"
                  },
                  "ResultSelector": {"challengeId.$": "$.challengeId", "channel.$": "$.channel"},
                  "ResultPath": "$.challenge",
                  "Retry": [
                    {"ErrorEquals": ["Store.Throttled"], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 2.0},
                    {"ErrorEquals": ["States.Timeout"], "MaxAttempts": 0}
                  ],
                  "Catch": [
                    {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "BuildErrorResponse"}
                  ],
                  "TimeoutSeconds": 10,
                  "Next": "BuildStartResponse"
                },
                "BuildStartResponse": {
                  "Type": "Pass",
                  "Parameters": {
                    "statusCode": 202,
                    "body": {"challengeId.$": "$.challenge.challengeId", "channel.$": "$.challenge.channel"}
                  },
                  "End": true
                },
                "VerifyCode": {
                  "Type": "Task",
                  "Resource": "${VerifyCodeHandler}",
                  "Parameters": {"username.$": "$.username", "code.$": "$.code"},
                  "ResultPath": null,
                  "Catch": [
                    {"ErrorEquals": ["InvalidCode"], "ResultPath": "$.error", "Next": "BuildErrorResponse"}
                  ],
                  "Next": "Done"
                },
                "Done": {
                  "Type": "Pass",
                  "Parameters": {"statusCode": 200, "body": {"message": "password reset"}},
                  "End": true
                },
                "BuildErrorResponse": {
                  "Type": "Pass",
                  "Parameters": {
                    "statusCode": 400,
                    "body": {
                      "error.$": "$.error.Error",
                      "message.$": "States.Format('Request for {} failed', $.username)"
                    }
                  },
                  "End": true
                },
                "RejectAction": {
                  "Type": "Fail",
                  "Error": "InvalidAction",
                  "CausePath": "States.Format('Unknown action {}', $.action)"
                }
              }
            }
            """;

    private final List<String> calls = new ArrayList<>();
    private final AtomicInteger throttles = new AtomicInteger();
    private final AslTestSupport.RecordingSleeper sleeper = new AslTestSupport.RecordingSleeper();

    private final TaskInvoker handlers = (resource, input) -> {
        calls.add(resource + " " + input);
        return switch (resource) {
            case "arn:local:start" -> {
                if (throttles.getAndDecrement() > 0) {
                    throw new TaskFailedException("Store.Throttled", "rate exceeded");
                }
                if (input.get("username").textValue().equals("ghost")) {
                    throw new IllegalStateException("no such user");
                }
                yield json("{\"challengeId\": \"c-1\", \"channel\": \"sms\", \"internal\": \"secret\"}");
            }
            case "arn:local:verify" -> {
                if (!input.get("code").textValue().equals("123456")) {
                    throw new TaskFailedException("InvalidCode", "code does not match");
                }
                yield null;
            }
            default -> throw new AssertionError("unknown resource " + resource);
        };
    };

    private ExecutionResult execute(String input) {
        StateMachine machine = StateMachine.builder(DEFINITION, handlers)
                .substitutions(Map.of("StartResetHandler", "arn:local:start", "VerifyCodeHandler", "arn:local:verify"))
                .sleeper(sleeper)
                .build();
        return machine.execute(json(input), "req-42");
    }

    @Test
    void startAction_returnsChallenge() {
        ExecutionResult result = execute("{\"action\": \"start\", \"username\": \"ana\"}");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals(json("{\"statusCode\": 202, \"body\": {\"challengeId\": \"c-1\", \"channel\": \"sms\"}}"),
                result.output());
        assertEquals(List.of("arn:local:start {\"username\":\"ana\",\"requestId\":\"req-42\",\"attempt\":0}"), calls);
    }

    @Test
    void startAction_retriesThrottlingThenSucceeds() {
        throttles.set(2);

        ExecutionResult result = execute("{\"action\": \"start\", \"username\": \"ana\"}");

        assertTrue(result.succeeded(), () -> result.error() + ": " + result.cause());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeper.sleeps);
        assertEquals(3, calls.size());
        assertTrue(calls.get(2).contains("\"attempt\":2"), calls.get(2));
    }

    @Test
    void startAction_exhaustedRetriesReturnError() {
        throttles.set(5);

        ExecutionResult result = execute("{\"action\": \"start\", \"username\": \"ana\"}");

        assertEquals(json("{\"statusCode\": 400, \"body\": {\"error\": \"Store.Throttled\","
                + " \"message\": \"Request for ana failed\"}}"), result.output());
        assertEquals(3, calls.size());
    }

    @Test
    void startAction_exceptionReturnsError() {
        ExecutionResult result = execute("{\"action\": \"start\", \"username\": \"ghost\"}");

        JsonNode body = result.output().get("body");
        assertEquals("java.lang.IllegalStateException", body.get("error").textValue());
        assertEquals("Request for ghost failed", body.get("message").textValue());
    }

    @Test
    void verifyAction_discardsHandlerResult() {
        ExecutionResult result = execute("{\"action\": \"verify\", \"username\": \"ana\", \"code\": \"123456\"}");

        assertEquals(json("{\"statusCode\": 200, \"body\": {\"message\": \"password reset\"}}"), result.output());
    }

    @Test
    void verifyAction_wrongCodeReturnsError() {
        ExecutionResult result = execute("{\"action\": \"verify\", \"username\": \"ana\", \"code\": \"000000\"}");

        assertEquals(json("{\"statusCode\": 400, \"body\": {\"error\": \"InvalidCode\","
                + " \"message\": \"Request for ana failed\"}}"), result.output());
    }

    @Test
    void verifyAction_withoutCodeIsRejected() {
        ExecutionResult result = execute("{\"action\": \"verify\", \"username\": \"ana\"}");

        assertEquals("InvalidAction", result.error());
        assertEquals("Unknown action verify", result.cause());
        assertTrue(calls.isEmpty());
    }

    @Test
    void missingAction_failsWithRuntimeError() {
        ExecutionResult result = execute("{\"username\": \"ana\"}");

        assertEquals("States.Runtime", result.error());
        assertTrue(result.cause().contains("$.action"), result.cause());
    }
}
