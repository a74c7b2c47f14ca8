package dev.sspr.local.asl;

import java.util.List;

/**
 * One element of a Task state's Catch array.
 *
 * @param errorEquals error names this catcher handles, including the wildcards
 * @param next state to continue with
 * @param resultPath where the error output {@code {"Error", "Cause"}} goes in the state
 *     input, {@code $} when absent. {@code null} means ResultPath was JSON null, which
 *     passes the state input on unchanged
 */
record Catcher(List<String> errorEquals, String next, ReferencePath resultPath) {
    boolean handles(String error) {
        return errorEquals.stream().anyMatch(entry -> ErrorNames.matches(entry, error));
    }
}
