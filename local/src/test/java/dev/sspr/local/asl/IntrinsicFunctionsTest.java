package dev.sspr.local.asl;

import static dev.sspr.local.asl.AslTestSupport.json;
import static dev.sspr.local.asl.AslTestSupport.machine;
import static dev.sspr.local.asl.AslTestSupport.parseError;
import static dev.sspr.local.asl.AslTestSupport.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntrinsicFunctionsTest {

    /** Runs a Pass state whose Parameters hold {@code "r.$": expression}. */
    private static ExecutionResult evaluate(String expression, String input) {
        String definition = single("""
                {"Type": "Pass", "Parameters": {"r.$": %s}, "End": true}
                """.formatted(TextNode.valueOf(expression).toString()));
        return machine(definition).execute(json(input), "t");
    }

    /** Returns the value of {@code expression}, failing the test when the execution fails. */
    private static JsonNode value(String expression, String input) {
        ExecutionResult result = evaluate(expression, input);
        assertTrue(result.succeeded(), () -> expression + " failed: " + result.error() + ": " + result.cause());
        return result.output().get("r");
    }

    private static JsonNode value(String expression) {
        return value(expression, "{}");
    }

    private static String errorOf(String expression, String input) {
        ExecutionResult result = evaluate(expression, input);
        return result.succeeded() ? "succeeded with " + result.output() : result.error();
    }

    @Test
    void format_insertsValuesInOrder() {
        assertEquals(json("\"Hello, my name is Arnav.\""),
                value("States.Format('Hello, my name is {}.', $.name)", "{\"name\": \"Arnav\"}"));
    }

    @Test
    void format_templateFromPath() {
        assertEquals(json("\"Hi Ana, 3 left\""),
                value("States.Format($.template, $.name, $.count)",
                        "{\"template\": \"Hi {}, {} left\", \"name\": \"Ana\", \"count\": 3}"));
    }

    @Test
    void format_rendersNumbersBooleansAndNull() {
        assertEquals(json("\"1.5 true null -2\""), value("States.Format('{} {} {} {}', 1.5, true, null, -2)"));
    }

    @Test
    void format_escapedCharactersAreLiteral() {
        assertEquals(json("\"it's {} a \\\\ b {x}\""), value("States.Format('it\\'s \\{\\} a \\\\ b {}', '{x}')"));
    }

    @Test
    void format_placeholderCountMismatchFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.Format('{} {}', 'a')", "{}"));
        assertEquals("States.IntrinsicFailure", errorOf("States.Format('{}', 'a', 'b')", "{}"));
    }

    @Test
    void format_objectArgumentFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.Format('{}', $.o)", "{\"o\": {\"a\": 1}}"));
    }

    @Test
    void format_nonStringTemplateFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.Format($.n)", "{\"n\": 1}"));
    }

    @Test
    void stringToJson_parsesText() {
        assertEquals(json("{\"foo\": \"bar\"}"),
                value("States.StringToJson($.s)", "{\"s\": \"{\\\"foo\\\": \\\"bar\\\"}\"}"));
    }

    @Test
    void stringToJson_invalidJsonFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.StringToJson('{nope')", "{}"));
    }

    @Test
    void jsonToString_serializesCompactly() {
        assertEquals(json("\"{\\\"foo\\\":\\\"bar\\\",\\\"n\\\":[1,2]}\""),
                value("States.JsonToString($.o)", "{\"o\": {\"foo\": \"bar\", \"n\": [1, 2]}}"));
    }

    @Test
    void array_collectsArguments() {
        assertEquals(json("[123456, \"a\", true, null, [1]]"),
                value("States.Array($.id, 'a', true, null, $.list)", "{\"id\": 123456, \"list\": [1]}"));
        assertEquals(json("[]"), value("States.Array()"));
    }

    @Test
    void arrayPartition_splitsIntoChunks() {
        assertEquals(json("[[1,2,3,4],[5,6,7,8],[9]]"),
                value("States.ArrayPartition($.a, 4)", "{\"a\": [1,2,3,4,5,6,7,8,9]}"));
        assertEquals(json("[]"), value("States.ArrayPartition($.a, 2)", "{\"a\": []}"));
    }

    @Test
    void arrayPartition_roundsChunkSize() {
        assertEquals(json("[[1,2],[3]]"), value("States.ArrayPartition($.a, 1.6)", "{\"a\": [1,2,3]}"));
    }

    @Test
    void arrayPartition_nonPositiveChunkFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.ArrayPartition($.a, 0)", "{\"a\": [1]}"));
        assertEquals("States.IntrinsicFailure", errorOf("States.ArrayPartition('x', 1)", "{}"));
    }

    @Test
    void arrayContains_findsValue() {
        assertEquals(json("true"), value("States.ArrayContains($.a, $.x)", "{\"a\": [1,2,3], \"x\": 2}"));
        assertEquals(json("true"), value("States.ArrayContains($.a, 2.0)", "{\"a\": [1,2,3]}"));
        assertEquals(json("true"), value("States.ArrayContains($.a, $.o)", "{\"a\": [{\"k\": 1}], \"o\": {\"k\": 1}}"));
        assertEquals(json("false"), value("States.ArrayContains($.a, '2')", "{\"a\": [1,2,3]}"));
    }

    @Test
    void arrayRange_buildsSequence() {
        assertEquals(json("[1,3,5,7,9]"), value("States.ArrayRange(1, 9, 2)"));
        assertEquals(json("[5,4,3]"), value("States.ArrayRange(5, 3, -1)"));
        assertEquals(json("[]"), value("States.ArrayRange(1, 3, -1)"));
        assertEquals(json("[0]"), value("States.ArrayRange(0, 0, 1)"));
    }

    @Test
    void arrayRange_limitsItems() {
        assertEquals(1000, value("States.ArrayRange(1, 1000, 1)").size());
        assertEquals("States.IntrinsicFailure", errorOf("States.ArrayRange(1, 1001, 1)", "{}"));
    }

    @Test
    void arrayRange_zeroStepFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.ArrayRange(1, 5, 0)", "{}"));
    }

    @Test
    void arrayGetItem_returnsElement() {
        assertEquals(json("6"), value("States.ArrayGetItem($.a, $.i)", "{\"a\": [1,2,3,4,5,6,7,8,9], \"i\": 5}"));
    }

    @Test
    void arrayGetItem_outOfRangeFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.ArrayGetItem($.a, 3)", "{\"a\": [1,2,3]}"));
        assertEquals("States.IntrinsicFailure", errorOf("States.ArrayGetItem($.a, -1)", "{\"a\": [1,2,3]}"));
        assertEquals("States.IntrinsicFailure", errorOf("States.ArrayGetItem($.a, 0.5)", "{\"a\": [1,2,3]}"));
    }

    @Test
    void arrayLength_countsItems() {
        assertEquals(json("9"), value("States.ArrayLength($.a)", "{\"a\": [1,2,3,4,5,6,7,8,9]}"));
        assertEquals("States.IntrinsicFailure", errorOf("States.ArrayLength($.o)", "{\"o\": {}}"));
    }

    @Test
    void arrayUnique_keepsFirstOccurrences() {
        assertEquals(json("[1,2,3,4]"), value("States.ArrayUnique($.a)", "{\"a\": [1,2,3,3,3,3,3,3,4]}"));
        assertEquals(json("[{\"k\":1},\"1\",1]"),
                value("States.ArrayUnique($.a)", "{\"a\": [{\"k\":1},\"1\",1,{\"k\":1},1.0]}"));
    }

    @Test
    void base64_encodesAndDecodesUtf8() {
        assertEquals(json("\"RGF0YSB0byBlbmNvZGU=\""), value("States.Base64Encode('Data to encode')"));
        assertEquals(json("\"Data to encode\""), value("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"));
        assertEquals(json("\"añ€\""), value("States.Base64Decode(States.Base64Encode('añ€'))"));
    }

    @Test
    void base64_rejectsInvalidInput() {
        assertEquals("States.IntrinsicFailure", errorOf("States.Base64Decode('***')", "{}"));
        assertEquals("States.IntrinsicFailure", errorOf("States.Base64Encode(5)", "{}"));
    }

    @Test
    void base64_limitsInputLength() {
        String longText = "a".repeat(10_001);
        assertEquals("States.IntrinsicFailure",
                errorOf("States.Base64Encode($.s)", "{\"s\": \"" + longText + "\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "MD5, 900150983cd24fb0d6963f7d28e17f72",
        "SHA-1, a9993e364706816aba3e25717850c26c9cd0d89d",
        "SHA-256, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "SHA-384, cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
        "SHA-512, ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f",
    })
    void hash_lowercaseHexDigest(String algorithm, String expected) {
        assertEquals(expected, value("States.Hash($.data, $.algorithm)",
                "{\"data\": \"abc\", \"algorithm\": \"" + algorithm + "\"}").textValue());
    }

    @Test
    void hash_unknownAlgorithmFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.Hash('abc', 'SHA-3')", "{}"));
    }

    @Test
    void jsonMerge_isShallow() {
        assertEquals(json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}"),
                value("States.JsonMerge($.json1, $.json2, false)", """
                        {"json1": {"a": {"a1": 1, "a2": 2}, "b": 2},
                         "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}}
                        """));
    }

    @Test
    void jsonMerge_deepModeFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.JsonMerge($.a, $.a, true)", "{\"a\": {}}"));
        assertEquals("States.IntrinsicFailure", errorOf("States.JsonMerge($.a, $.b, false)", "{\"a\": {}, \"b\": []}"));
    }

    @Test
    void mathRandom_excludesEnd() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int n = value("States.MathRandom(1, 4)").intValue();
            assertTrue(n >= 1, "below start: " + n);
            assertTrue(n < 4, "not below end: " + n);
            seen.add(n);
        }
        assertEquals(Set.of(1, 2, 3), seen);
    }

    @Test
    void mathRandom_sameSeedGivesSameNumber() {
        assertEquals(value("States.MathRandom(1, 1000000, 42)"), value("States.MathRandom(1, 1000000, 42)"));
    }

    @Test
    void mathRandom_startNotBelowEndFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.MathRandom(5, 5)", "{}"));
    }

    @Test
    void mathAdd_addsIntegers() {
        assertEquals(json("110"), value("States.MathAdd($.value1, $.step)", "{\"value1\": 111, \"step\": -1}"));
        assertEquals(json("4294967294"), value("States.MathAdd(2147483647, 2147483647)"));
    }

    @Test
    void mathAdd_roundsNonIntegers() {
        assertEquals(json("4"), value("States.MathAdd(1.4, 2.6)"));
    }

    @Test
    void mathAdd_rejectsInvalidArguments() {
        assertEquals("States.IntrinsicFailure", errorOf("States.MathAdd(2147483648, 1)", "{}"));
        assertEquals("States.IntrinsicFailure", errorOf("States.MathAdd('1', 1)", "{}"));
    }

    @Test
    void stringSplit_eachDelimiterCharacter() {
        assertEquals(json("[\"1\",\"2\",\"3\",\"4\",\"5\"]"),
                value("States.StringSplit($.s, $.d)", "{\"s\": \"1,2,3,4,5\", \"d\": \",\"}"));
        assertEquals(json("[\"This\",\"is\",\"a\",\"test\",\"string\"]"),
                value("States.StringSplit($.s, $.d)", "{\"s\": \"This.is+a,test=string\", \"d\": \".+,=\"}"));
    }

    @Test
    void uuid_isRandomVersion4() {
        String first = value("States.UUID()").textValue();
        String second = value("States.UUID()").textValue();

        assertEquals(4, UUID.fromString(first).version());
        assertNotEquals(first, second);
    }

    @Test
    void nestedCalls_evaluateInsideOut() {
        String arn = "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe.v1/1.0.0";
        JsonNode result = value("States.Format('{}.{}', States.ArrayGetItem(States.StringSplit("
                + "States.ArrayGetItem(States.StringSplit($.Arn, '/'), 1), '.'), 0), "
                + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit("
                + "$.Arn, '/'), 1), '.'), 1))", "{\"Arn\": \"" + arn + "\"}");

        assertEquals(json("\"my-recipe.v1\""), result);
    }

    @Test
    void arguments_pathWithBracketsAndContext() {
        assertEquals(json("[\"x\", \"t\"]"),
                value("States.Array($['odd key'], $$.Execution.Name)", "{\"odd key\": \"x\"}"));
        assertEquals(json("[[2]]"),
                value("States.Array($.items[?(@.a == 'p, q')].b)", "{\"items\": [{\"a\": \"p, q\", \"b\": 2}]}"));
    }

    @Test
    void arguments_missingPathIsRuntimeError() {
        assertEquals("States.Runtime", errorOf("States.Array($.missing)", "{}"));
    }

    @Test
    void arguments_wrongCountFails() {
        assertEquals("States.IntrinsicFailure", errorOf("States.ArrayLength($.a, $.a)", "{\"a\": []}"));
        assertEquals("States.IntrinsicFailure", errorOf("States.UUID('x')", "{}"));
        assertEquals("States.IntrinsicFailure", errorOf("States.Hash('x')", "{}"));
    }

    @Test
    void resultSelector_supportsIntrinsics() {
        TaskInvoker invoker = (resource, input) -> json("{\"items\": [1, 2, 3]}");
        ExecutionResult result = machine(single("""
                {"Type": "Task", "Resource": "fn", "ResultSelector": {"count.$": "States.ArrayLength($.items)"},
                 "End": true}
                """), invoker).execute(json("{}"), "t");

        assertEquals(json("{\"count\": 3}"), result.output());
    }

    @Test
    void parse_unknownFunctionIsRejected() {
        AslDefinitionException error = parseError(single("""
                {"Type": "Pass", "Parameters": {"r.$": "States.Reverse($.a)"}, "End": true}
                """));

        assertTrue(error.getMessage().contains("unknown intrinsic function States.Reverse"), error.getMessage());
    }

    @Test
    void parse_unclosedCallIsRejected() {
        AslDefinitionException error = parseError(single("""
                {"Type": "Pass", "Parameters": {"r.$": "States.Array($.a"}, "End": true}
                """));

        assertTrue(error.getMessage().contains("invalid intrinsic function"), error.getMessage());
    }

    @Test
    void parse_openEscapeIsRejected() {
        AslDefinitionException error = parseError(single("""
                {"Type": "Pass", "Parameters": {"r.$": "States.Format('a\\\\nb')"}, "End": true}
                """));

        assertTrue(error.getMessage().contains("backslash"), error.getMessage());
    }

    @Test
    void parse_unquotedWordIsRejected() {
        AslDefinitionException error = parseError(single("""
                {"Type": "Pass", "Parameters": {"r.$": "States.Format(hello)"}, "End": true}
                """));

        assertTrue(error.getMessage().contains("expected a string"), error.getMessage());
    }

    @Test
    void parse_nestingDeeperThanTenIsRejected() {
        String expression = "States.Array(".repeat(11) + ")".repeat(11);
        AslDefinitionException error = parseError(single("""
                {"Type": "Pass", "Parameters": {"r.$": "%s"}, "End": true}
                """.formatted(expression)));

        assertTrue(error.getMessage().contains("more than 10 nested"), error.getMessage());
    }
}
