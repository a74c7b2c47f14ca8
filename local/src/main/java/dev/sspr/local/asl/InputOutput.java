package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Input and output processing of one state, applied in the order the Amazon States Language
 * defines: InputPath, Parameters, the task or Pass result, ResultSelector, ResultPath, then
 * OutputPath. A field that a state type does not allow is left at its default.
 *
 * @param inputPath selects the effective input. {@code null} means InputPath was JSON null,
 *     which makes the effective input {@code {}}
 * @param parameters payload template for the effective input, or {@code null}
 * @param resultSelector payload template applied to the raw result, or {@code null}
 * @param resultPath where the result goes in the state input. {@code null} means ResultPath
 *     was JSON null, which discards the result and passes the input through
 * @param outputPath selects the state output. {@code null} means OutputPath was JSON null,
 *     which makes the output {@code {}}
 */
record InputOutput(Path inputPath, PayloadTemplate parameters, PayloadTemplate resultSelector,
        ReferencePath resultPath, Path outputPath) {

    static final String ROOT = "$";

    /** Processing with every field at its default: the state passes its input through. */
    static InputOutput defaults() {
        return new InputOutput(Path.compile(ROOT, "default InputPath"), null, null,
                ReferencePath.parse(ROOT, "default ResultPath"),
                Path.compile(ROOT, "default OutputPath"));
    }

    /** Applies InputPath, then Parameters. */
    JsonNode effectiveInput(JsonNode rawInput, JsonNode context) {
        JsonNode selected = inputPath == null ? Json.object() : inputPath.read(rawInput, context);
        return parameters == null ? selected : parameters.evaluate(selected, context);
    }

    /** Applies ResultSelector to a task's raw result. */
    JsonNode effectiveResult(JsonNode rawResult, JsonNode context) {
        return resultSelector == null ? rawResult : resultSelector.evaluate(rawResult, context);
    }

    /** Applies ResultPath against the raw state input, then OutputPath. */
    JsonNode output(JsonNode rawInput, JsonNode result, JsonNode context) {
        JsonNode combined = applyResultPath(resultPath, rawInput, result);
        return outputPath == null ? Json.object() : outputPath.read(combined, context);
    }

    /**
     * Stores {@code result} at {@code path} in a copy of {@code rawInput}, or returns the
     * input unchanged when {@code path} is {@code null} (ResultPath was JSON null).
     */
    static JsonNode applyResultPath(ReferencePath path, JsonNode rawInput, JsonNode result) {
        if (path == null) {
            return rawInput;
        }
        if (path.isRoot()) {
            return result;
        }
        return path.write(rawInput.deepCopy(), result);
    }
}
