package dev.sspr.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses intrinsic function calls such as
 * {@code States.Format('Hello, {}', States.ArrayGetItem($.names, 0))}.
 *
 * <p>Arguments are string literals in single quotes, numbers, {@code true}, {@code false},
 * {@code null}, paths and nested calls. In a string literal, {@code \'}, {@code \{},
 * {@code \}} and {@code \\} stand for the character after the backslash. Any other
 * backslash is an error, as AWS documents.
 */
final class IntrinsicParser {
    /** Maximum nesting depth that AWS documents for intrinsic functions in one field. */
    static final int MAX_NESTING = 10;

    private static final String PREFIX = "States.";
    private static final Pattern NAME = Pattern.compile("States\\.[A-Za-z0-9]+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private final String text;
    private final String where;
    private int position;

    private IntrinsicParser(String text, String where) {
        this.text = text;
        this.where = where;
    }

    static boolean looksLikeIntrinsic(String text) {
        return text.startsWith(PREFIX);
    }

    /**
     * Parses a whole field value as one call.
     *
     * @throws AslDefinitionException naming {@code where} when the syntax is invalid or the
     *     function is unknown
     */
    static IntrinsicExpression.Invocation parse(String text, String where) {
        IntrinsicParser parser = new IntrinsicParser(text, where);
        IntrinsicExpression.Invocation invocation = parser.parseInvocation(1);
        parser.skipWhitespace();
        if (parser.position != text.length()) {
            throw parser.error("unexpected text after the closing parenthesis");
        }
        return invocation;
    }

    private IntrinsicExpression.Invocation parseInvocation(int depth) {
        if (depth > MAX_NESTING) {
            throw error("more than " + MAX_NESTING + " nested intrinsic functions");
        }
        Matcher name = NAME.matcher(text).region(position, text.length());
        if (!name.lookingAt()) {
            throw error("expected a function name such as States.Format");
        }
        String functionName = name.group();
        if (!IntrinsicFunctions.isKnown(functionName)) {
            throw error("unknown intrinsic function " + functionName);
        }
        position = name.end();
        skipWhitespace();
        expect('(');
        List<IntrinsicExpression> arguments = new ArrayList<>();
        skipWhitespace();
        if (peek() == ')') {
            position++;
            return new IntrinsicExpression.Invocation(functionName, List.copyOf(arguments));
        }
        while (true) {
            arguments.add(parseArgument(depth));
            skipWhitespace();
            char next = peek();
            position++;
            if (next == ')') {
                return new IntrinsicExpression.Invocation(functionName, List.copyOf(arguments));
            }
            if (next != ',') {
                position--;
                throw error("expected ',' or ')'");
            }
        }
    }

    private IntrinsicExpression parseArgument(int depth) {
        skipWhitespace();
        char first = peek();
        if (first == '\'') {
            return parseString();
        }
        if (first == '$') {
            return parsePath();
        }
        if (text.startsWith(PREFIX, position)) {
            return parseInvocation(depth + 1);
        }
        for (String keyword : List.of("true", "false", "null")) {
            if (text.startsWith(keyword, position) && isArgumentEnd(position + keyword.length())) {
                position += keyword.length();
                return new IntrinsicExpression.Literal(keywordValue(keyword));
            }
        }
        Matcher number = NUMBER.matcher(text).region(position, text.length());
        if (number.lookingAt() && isArgumentEnd(number.end())) {
            position = number.end();
            return new IntrinsicExpression.Literal(parseNumber(number.group()));
        }
        throw error("expected a string in single quotes, a number, true, false, null,"
                + " a path or a States.* call");
    }

    /** Parses with Jackson so that literals get the same node types as numbers in JSON input. */
    private static JsonNode parseNumber(String literal) {
        try {
            return Json.parse(literal);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson rejected a number that matched " + NUMBER, e);
        }
    }

    private static JsonNode keywordValue(String keyword) {
        return switch (keyword) {
            case "true" -> Json.NODES.booleanNode(true);
            case "false" -> Json.NODES.booleanNode(false);
            default -> Json.NODES.nullNode();
        };
    }

    private boolean isArgumentEnd(int index) {
        int i = index;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ')');
    }

    private IntrinsicExpression parseString() {
        int start = position;
        position++;
        StringBuilder value = new StringBuilder();
        StringBuilder piece = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        while (true) {
            if (position >= text.length()) {
                position = start;
                throw error("string literal is not closed with a single quote");
            }
            char c = text.charAt(position);
            if (c == '\'') {
                position++;
                pieces.add(piece.toString());
                return new IntrinsicExpression.StringLiteral(value.toString(), List.copyOf(pieces));
            }
            if (c == '\\') {
                char escaped = position + 1 < text.length() ? text.charAt(position + 1) : 0;
                if ("'{}\\".indexOf(escaped) < 0 || escaped == 0) {
                    throw error("a backslash in a string literal must be followed by"
                            + " ', {, } or \\");
                }
                value.append(escaped);
                piece.append(escaped);
                position += 2;
            } else if (c == '{' && text.startsWith("}", position + 1)) {
                value.append("{}");
                pieces.add(piece.toString());
                piece.setLength(0);
                position += 2;
            } else {
                value.append(c);
                piece.append(c);
                position++;
            }
        }
    }

    /** Reads a path up to the ',' or ')' that ends the argument, skipping brackets and quotes. */
    private IntrinsicExpression parsePath() {
        int start = position;
        int brackets = 0;
        int parentheses = 0;
        char quote = 0;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (quote != 0) {
                if (c == '\\') {
                    position++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
            } else if (c == '(') {
                parentheses++;
            } else if (c == ')' && parentheses > 0) {
                parentheses--;
            } else if ((c == ',' || c == ')') && brackets == 0 && parentheses == 0) {
                break;
            }
            position++;
        }
        String pathText = text.substring(start, Math.min(position, text.length())).strip();
        return new IntrinsicExpression.PathArgument(Path.compile(pathText, where));
    }

    private void skipWhitespace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private char peek() {
        if (position >= text.length()) {
            throw error("unexpected end of the expression");
        }
        return text.charAt(position);
    }

    private void expect(char expected) {
        if (peek() != expected) {
            throw error("expected '" + expected + "'");
        }
        position++;
    }

    private AslDefinitionException error(String problem) {
        return new AslDefinitionException(where + ": invalid intrinsic function '" + text
                + "': " + problem + " at character " + (position + 1) + ".");
    }
}
