package dev.sspr.local.asl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Comparison operator of a Choice rule, such as {@code NumericLessThanEqualsPath}: the
 * kind of value it compares, the relation it tests and whether its operand is a path.
 */
record ComparisonOperator(String name, Kind kind, Relation relation, boolean operandIsPath) {

    /** Kind of value an operator compares. A variable of another type does not match. */
    enum Kind {
        STRING,
        NUMERIC,
        BOOLEAN,
        TIMESTAMP,
        STRING_MATCHES,
        /** IsNull, IsNumeric, ...: the operand is a boolean that the type test must equal. */
        TYPE_TEST,
        IS_PRESENT
    }

    enum Relation {
        EQUALS,
        LESS_THAN,
        GREATER_THAN,
        LESS_THAN_EQUALS,
        GREATER_THAN_EQUALS,
        /** For StringMatches and the Is... type tests, which have no ordering. */
        NONE;

        boolean holds(int comparison) {
            return switch (this) {
                case EQUALS -> comparison == 0;
                case LESS_THAN -> comparison < 0;
                case GREATER_THAN -> comparison > 0;
                case LESS_THAN_EQUALS -> comparison <= 0;
                case GREATER_THAN_EQUALS -> comparison >= 0;
                case NONE -> throw new IllegalStateException("NONE has no ordering");
            };
        }
    }

    private static final Map<String, ComparisonOperator> BY_NAME = buildOperators();

    private static Map<String, ComparisonOperator> buildOperators() {
        Map<String, ComparisonOperator> operators = new HashMap<>();
        Map<String, Relation> relations = Map.of(
                "Equals", Relation.EQUALS,
                "LessThan", Relation.LESS_THAN,
                "GreaterThan", Relation.GREATER_THAN,
                "LessThanEquals", Relation.LESS_THAN_EQUALS,
                "GreaterThanEquals", Relation.GREATER_THAN_EQUALS);
        Map<String, Kind> ordered = Map.of(
                "String", Kind.STRING, "Numeric", Kind.NUMERIC, "Timestamp", Kind.TIMESTAMP);
        for (Map.Entry<String, Kind> kind : ordered.entrySet()) {
            for (Map.Entry<String, Relation> relation : relations.entrySet()) {
                String name = kind.getKey() + relation.getKey();
                add(operators, name, kind.getValue(), relation.getValue());
            }
        }
        add(operators, "BooleanEquals", Kind.BOOLEAN, Relation.EQUALS);
        operators.put("StringMatches",
                new ComparisonOperator("StringMatches", Kind.STRING_MATCHES, Relation.NONE, false));
        for (String test : List.of("IsNull", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")) {
            operators.put(test, new ComparisonOperator(test, Kind.TYPE_TEST, Relation.NONE, false));
        }
        operators.put("IsPresent",
                new ComparisonOperator("IsPresent", Kind.IS_PRESENT, Relation.NONE, false));
        return Map.copyOf(operators);
    }

    /** Adds the operator and its {@code ...Path} form. */
    private static void add(Map<String, ComparisonOperator> operators, String name, Kind kind,
            Relation relation) {
        operators.put(name, new ComparisonOperator(name, kind, relation, false));
        operators.put(name + "Path", new ComparisonOperator(name + "Path", kind, relation, true));
    }

    static Optional<ComparisonOperator> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
