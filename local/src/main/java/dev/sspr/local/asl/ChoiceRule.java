package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Boolean expression of a Choice state: And, Or, Not or a comparison on one variable. */
sealed interface ChoiceRule {

    /**
     * Evaluates the rule against the state's effective input.
     *
     * @throws StatesError States.Runtime when a variable or operand path selects nothing,
     *     except for IsPresent
     */
    boolean matches(JsonNode data, JsonNode context);

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode data, JsonNode context) {
            for (ChoiceRule rule : rules) {
                if (!rule.matches(data, context)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode data, JsonNode context) {
            for (ChoiceRule rule : rules) {
                if (rule.matches(data, context)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean matches(JsonNode data, JsonNode context) {
            return !rule.matches(data, context);
        }
    }

    /**
     * Comparison of {@code variable} with a literal {@code operand}, with the value at
     * {@code operandPath} for {@code ...Path} operators, or with {@code pattern} for
     * StringMatches. Values of the wrong type do not match and raise no error.
     */
    record Comparison(Path variable, ComparisonOperator operator, JsonNode operand,
            Path operandPath, StringPattern pattern) implements ChoiceRule {

        @Override
        public boolean matches(JsonNode data, JsonNode context) {
            if (operator.kind() == ComparisonOperator.Kind.IS_PRESENT) {
                return variable.find(data, context).isPresent() == operand.booleanValue();
            }
            JsonNode value = variable.read(data, context);
            return switch (operator.kind()) {
                case TYPE_TEST -> hasType(value) == operand.booleanValue();
                case STRING_MATCHES -> value.isTextual() && pattern.matches(value.textValue());
                default -> compare(value, expectedValue(data, context));
            };
        }

        private JsonNode expectedValue(JsonNode data, JsonNode context) {
            return operandPath == null ? operand : operandPath.read(data, context);
        }

        private boolean hasType(JsonNode value) {
            return switch (operator.name()) {
                case "IsNull" -> value.isNull();
                case "IsNumeric" -> value.isNumber();
                case "IsString" -> value.isTextual();
                case "IsBoolean" -> value.isBoolean();
                case "IsTimestamp" -> Timestamps.isTimestamp(value);
                default -> throw new IllegalStateException("Not a type test: " + operator.name());
            };
        }

        private boolean compare(JsonNode value, JsonNode expected) {
            return switch (operator.kind()) {
                case STRING -> value.isTextual() && expected.isTextual() && operator.relation()
                        .holds(value.textValue().compareTo(expected.textValue()));
                case NUMERIC -> value.isNumber() && expected.isNumber()
                        && operator.relation().holds(compareNumbers(value, expected));
                case BOOLEAN -> value.isBoolean() && expected.isBoolean()
                        && value.booleanValue() == expected.booleanValue();
                case TIMESTAMP -> compareTimestamps(value, expected);
                default -> throw new IllegalStateException("Not a comparison: " + operator.name());
            };
        }

        private boolean compareTimestamps(JsonNode value, JsonNode expected) {
            if (!value.isTextual() || !expected.isTextual()) {
                return false;
            }
            Optional<Instant> left = Timestamps.parse(value.textValue());
            Optional<Instant> right = Timestamps.parse(expected.textValue());
            return left.isPresent() && right.isPresent()
                    && operator.relation().holds(left.get().compareTo(right.get()));
        }

        private static int compareNumbers(JsonNode left, JsonNode right) {
            return left.decimalValue().compareTo(right.decimalValue());
        }
    }
}
