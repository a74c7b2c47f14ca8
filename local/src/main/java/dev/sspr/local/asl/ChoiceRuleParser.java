package dev.sspr.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Parses and validates the rules of a Choice state's Choices array. */
final class ChoiceRuleParser {
    private ChoiceRuleParser() {
    }

    /** Parses a top-level rule, which must name its Next state. */
    static State.ChoiceBranch parseBranch(JsonNode node, String where) {
        DefinitionFields fields = new DefinitionFields(node, where);
        String next = fields.requiredString("Next");
        ChoiceRule rule = parseRuleBody(fields);
        return new State.ChoiceBranch(rule, next);
    }

    /** Parses a rule nested in And, Or or Not, which must not have a Next field. */
    private static ChoiceRule parseNested(JsonNode node, String where) {
        DefinitionFields fields = new DefinitionFields(node, where);
        if (fields.has("Next")) {
            throw fields.error("a rule nested in And, Or or Not must not have a Next field");
        }
        return parseRuleBody(fields);
    }

    private static ChoiceRule parseRuleBody(DefinitionFields fields) {
        fields.has("Comment");
        List<String> combinators = new ArrayList<>();
        for (String name : List.of("And", "Or", "Not")) {
            if (fields.has(name)) {
                combinators.add(name);
            }
        }
        if (combinators.size() > 1) {
            throw fields.error("a rule can have only one of And, Or and Not, but has "
                    + combinators);
        }
        ChoiceRule rule = combinators.isEmpty()
                ? parseComparison(fields)
                : parseCombinator(fields, combinators.get(0));
        fields.rejectUnknown();
        return rule;
    }

    private static ChoiceRule parseCombinator(DefinitionFields fields, String combinator) {
        if (fields.has("Variable")) {
            throw fields.error("a rule with " + combinator + " must not have a Variable field");
        }
        String where = fields.where() + "." + combinator;
        if (combinator.equals("Not")) {
            return new ChoiceRule.Not(parseNested(fields.node("Not"), where));
        }
        List<ChoiceRule> rules = new ArrayList<>();
        List<JsonNode> items = fields.requiredArray(combinator);
        for (int i = 0; i < items.size(); i++) {
            rules.add(parseNested(items.get(i), where + "[" + i + "]"));
        }
        return combinator.equals("And") ? new ChoiceRule.And(List.copyOf(rules))
                : new ChoiceRule.Or(List.copyOf(rules));
    }

    private static ChoiceRule parseComparison(DefinitionFields fields) {
        String variableText = fields.optionalString("Variable");
        if (variableText == null) {
            throw fields.error("a rule needs a Variable and a comparison operator, or one of"
                    + " And, Or and Not");
        }
        Path variable = Path.compile(variableText, fields.where() + ".Variable");
        ComparisonOperator operator = findOperator(fields);
        JsonNode operand = fields.node(operator.name());
        String where = fields.where() + "." + operator.name();
        if (operator.operandIsPath()) {
            if (!operand.isTextual()) {
                throw fields.error(operator.name() + " must be a path string");
            }
            return new ChoiceRule.Comparison(variable, operator, null,
                    Path.compile(operand.textValue(), where), null);
        }
        checkOperandType(fields, operator, operand);
        StringPattern pattern = operator.kind() == ComparisonOperator.Kind.STRING_MATCHES
                ? StringPattern.compile(operand.textValue(), where)
                : null;
        return new ChoiceRule.Comparison(variable, operator, operand, null, pattern);
    }

    /** Finds the one comparison operator field among the rule's fields. */
    private static ComparisonOperator findOperator(DefinitionFields fields) {
        List<ComparisonOperator> found = new ArrayList<>();
        for (String name : fields.fieldNames()) {
            ComparisonOperator.named(name).ifPresent(found::add);
        }
        if (found.isEmpty()) {
            // A misspelled operator is the likely cause, and the unknown-field error names it.
            fields.rejectUnknown();
        }
        if (found.size() != 1) {
            throw fields.error("a rule with a Variable needs exactly one comparison operator"
                    + " (for example StringEquals or NumericLessThanPath), but has "
                    + found.stream().map(ComparisonOperator::name).toList());
        }
        return found.get(0);
    }

    private static void checkOperandType(DefinitionFields fields, ComparisonOperator operator,
            JsonNode operand) {
        boolean valid = switch (operator.kind()) {
            case STRING, STRING_MATCHES -> operand.isTextual();
            case NUMERIC -> operand.isNumber();
            case BOOLEAN, TYPE_TEST, IS_PRESENT -> operand.isBoolean();
            case TIMESTAMP -> Timestamps.isTimestamp(operand);
        };
        if (!valid) {
            String expected = switch (operator.kind()) {
                case STRING, STRING_MATCHES -> "a string";
                case NUMERIC -> "a number";
                case BOOLEAN, TYPE_TEST, IS_PRESENT -> "true or false";
                case TIMESTAMP -> "an RFC 3339 timestamp such as 2016-03-14T01:59:00Z";
            };
            throw fields.error(operator.name() + " must be " + expected + ", not " + operand);
        }
    }
}
