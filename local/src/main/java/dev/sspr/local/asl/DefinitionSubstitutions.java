package dev.sspr.local.asl;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${Name}} placeholders in definition text, as the SAM
 * {@code DefinitionSubstitutions} property does before the definition reaches Step Functions.
 * Values are inserted as raw text, so a value placed inside a JSON string must not contain
 * quotes or backslashes. {@code ${!Name}} is left as the literal text {@code ${Name}}, as in
 * CloudFormation's Fn::Sub.
 */
final class DefinitionSubstitutions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(!?)([^}]*)}");

    private DefinitionSubstitutions() {
    }

    /**
     * @throws AslDefinitionException listing every placeholder that has no substitution
     */
    static String apply(String definition, Map<String, String> substitutions) {
        Matcher matcher = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder();
        Set<String> unknown = new TreeSet<>();
        while (matcher.find()) {
            String name = matcher.group(2);
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (substitutions.containsKey(name)) {
                replacement = substitutions.get(name);
            } else {
                unknown.add(name);
                replacement = matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        if (!unknown.isEmpty()) {
            throw new AslDefinitionException("The definition uses the placeholder(s) " + unknown
                    + " but the substitutions only define " + new TreeSet<>(substitutions.keySet())
                    + ". Add them to the substitutions map.");
        }
        return out.toString();
    }
}
