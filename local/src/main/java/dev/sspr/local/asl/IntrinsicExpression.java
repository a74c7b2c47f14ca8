package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Parsed intrinsic function call, such as {@code States.Format('{}', $.name)}, or argument. */
sealed interface IntrinsicExpression {

    JsonNode evaluate(JsonNode data, JsonNode context);

    /** Number, boolean or null literal. */
    record Literal(JsonNode value) implements IntrinsicExpression {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context) {
            return value;
        }
    }

    /**
     * Quoted string literal. {@code formatPieces} is the text split at each {@code {}} that
     * was not escaped, which States.Format needs because {@code \{\}} is a literal brace pair.
     */
    record StringLiteral(String value, List<String> formatPieces) implements IntrinsicExpression {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context) {
            return Json.NODES.textNode(value);
        }
    }

    /** Path argument, resolved against the state data or, with {@code $$}, the context object. */
    record PathArgument(Path path) implements IntrinsicExpression {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context) {
            return path.read(data, context);
        }
    }

    /** Call of a {@code States.*} function. */
    record Invocation(String name, List<IntrinsicExpression> arguments)
            implements IntrinsicExpression {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context) {
            List<JsonNode> values = new ArrayList<>(arguments.size());
            for (IntrinsicExpression argument : arguments) {
                values.add(argument.evaluate(data, context));
            }
            return IntrinsicFunctions.invoke(this, values);
        }
    }
}
