package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** Path or intrinsic function of a Fail state's ErrorPath or CausePath field. */
@FunctionalInterface
interface ValueExpression {
    JsonNode evaluate(JsonNode data, JsonNode context);

    /** Compiles an intrinsic function call if the text starts with {@code States.}, else a path. */
    static ValueExpression compile(String text, String where) {
        if (IntrinsicParser.looksLikeIntrinsic(text)) {
            IntrinsicExpression intrinsic = IntrinsicParser.parse(text, where);
            return intrinsic::evaluate;
        }
        Path path = Path.compile(text, where);
        return path::read;
    }
}
