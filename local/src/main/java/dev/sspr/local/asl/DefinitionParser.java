package dev.sspr.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a definition in the Amazon States Language (JSONPath query language) and rejects
 * what AWS would reject at creation time, plus the features this interpreter lacks.
 */
final class DefinitionParser {
    /** Largest TimeoutSeconds, Seconds, IntervalSeconds and MaxAttempts that AWS accepts. */
    static final int MAX_SECONDS = 99_999_999;
    /** Largest MaxDelaySeconds that AWS accepts (one year of 366 days). */
    static final int MAX_DELAY_SECONDS = 31_622_400;

    private static final String JSON_PATH = "JSONPath";

    private DefinitionParser() {
    }

    static Definition parse(String definitionJson) {
        JsonNode root;
        try {
            root = Json.parse(definitionJson);
        } catch (JsonProcessingException e) {
            throw new AslDefinitionException(
                    "The definition is not valid JSON: " + e.getOriginalMessage(), e);
        }
        DefinitionFields fields = new DefinitionFields(root, "The definition");
        String startAt = fields.requiredString("StartAt");
        fields.optionalString("Comment");
        fields.optionalString("Version");
        checkQueryLanguage(fields);
        Integer timeoutSeconds = fields.optionalInteger("TimeoutSeconds", 1, MAX_SECONDS);
        JsonNode statesNode = fields.node("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw fields.error("the field 'States' must be a non-empty object");
        }
        fields.rejectUnknown();

        Map<String, State> states = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
            states.put(entry.getKey(), parseState(entry.getKey(), entry.getValue()));
        }
        if (!states.containsKey(startAt)) {
            throw new AslDefinitionException("StartAt names the state '" + startAt
                    + "', which is not in States " + states.keySet() + ".");
        }
        checkTransitions(states);
        checkReferenced(startAt, states);
        return new Definition(startAt, Collections.unmodifiableMap(states), timeoutSeconds);
    }

    private static void checkQueryLanguage(DefinitionFields fields) {
        String language = fields.optionalString("QueryLanguage");
        if (language != null && !language.equals(JSON_PATH)) {
            throw fields.error("QueryLanguage '" + language + "' is not supported. The local"
                    + " interpreter runs JSONPath definitions only");
        }
    }

    private static State parseState(String name, JsonNode node) {
        DefinitionFields fields = new DefinitionFields(node, "State '" + name + "'");
        String type = fields.requiredString("Type");
        fields.optionalString("Comment");
        checkQueryLanguage(fields);
        State state = switch (type) {
            case "Task" -> parseTask(name, fields);
            case "Pass" -> parsePass(name, fields);
            case "Choice" -> parseChoice(name, fields);
            case "Wait" -> parseWait(name, fields);
            case "Succeed" -> new State.Succeed(name, parseInputOutput(fields, false, false));
            case "Fail" -> parseFail(name, fields);
            case "Parallel", "Map" -> throw fields.error("the state type " + type + " is not"
                    + " supported by the local interpreter. Supported types: Task, Choice, Pass,"
                    + " Wait, Succeed and Fail");
            default -> throw fields.error("unknown state type '" + type + "'");
        };
        boolean terminalOrChoice = state instanceof State.Succeed || state instanceof State.Fail
                || state instanceof State.Choice;
        if (terminalOrChoice && (fields.has("Next") || fields.has("End"))) {
            throw fields.error("a " + type + " state must not have a Next or End field");
        }
        fields.rejectUnknown();
        return state;
    }

    private static State parseTask(String name, DefinitionFields fields) {
        String resource = fields.requiredString("Resource");
        InputOutput io = parseInputOutput(fields, true, true);
        State.Transition transition = parseTransition(fields);
        List<Retrier> retriers = parseRetriers(fields);
        List<Catcher> catchers = parseCatchers(fields);
        fields.requireAtMostOne("TimeoutSeconds", "TimeoutSecondsPath");
        fields.requireAtMostOne("HeartbeatSeconds", "HeartbeatSecondsPath");
        Integer timeout = fields.optionalInteger("TimeoutSeconds", 1, MAX_SECONDS);
        String timeoutPath = fields.optionalString("TimeoutSecondsPath");
        Integer heartbeat = fields.optionalInteger("HeartbeatSeconds", 1, MAX_SECONDS);
        fields.optionalString("HeartbeatSecondsPath");
        if (heartbeat != null && timeout != null && heartbeat >= timeout) {
            throw fields.error("HeartbeatSeconds must be smaller than TimeoutSeconds");
        }
        Path timeoutSecondsPath = timeoutPath == null ? null
                : Path.compile(timeoutPath, fields.where() + ".TimeoutSecondsPath");
        return new State.Task(name, resource, io, transition, retriers, catchers, timeout,
                timeoutSecondsPath);
    }

    private static State parsePass(String name, DefinitionFields fields) {
        JsonNode result = fields.node("Result");
        InputOutput io = parseInputOutput(fields, true, false);
        return new State.Pass(name, io, result, parseTransition(fields));
    }

    private static State parseChoice(String name, DefinitionFields fields) {
        List<State.ChoiceBranch> branches = new ArrayList<>();
        List<JsonNode> rules = fields.requiredArray("Choices");
        for (int i = 0; i < rules.size(); i++) {
            String where = fields.where() + ".Choices[" + i + "]";
            branches.add(ChoiceRuleParser.parseBranch(rules.get(i), where));
        }
        String defaultNext = fields.optionalString("Default");
        InputOutput io = parseInputOutput(fields, false, false);
        return new State.Choice(name, io, List.copyOf(branches), defaultNext);
    }

    private static State parseWait(String name, DefinitionFields fields) {
        String[] kinds = {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"};
        int present = 0;
        for (String kind : kinds) {
            present += fields.has(kind) ? 1 : 0;
        }
        if (present != 1) {
            throw fields.error("a Wait state needs exactly one of Seconds, SecondsPath, Timestamp"
                    + " and TimestampPath");
        }
        Integer seconds = fields.optionalInteger("Seconds", 0, MAX_SECONDS);
        String secondsPath = fields.optionalString("SecondsPath");
        String timestampText = fields.optionalString("Timestamp");
        String timestampPath = fields.optionalString("TimestampPath");
        Instant timestamp = null;
        if (timestampText != null) {
            timestamp = Timestamps.parse(timestampText).orElseThrow(() -> fields.error(
                    "Timestamp '" + timestampText + "' is not an RFC 3339 timestamp such as"
                            + " 2016-03-14T01:59:00Z"));
        }
        InputOutput io = parseInputOutput(fields, false, false);
        return new State.Wait(name, io, seconds,
                optionalCompiledPath(fields, "SecondsPath", secondsPath), timestamp,
                optionalCompiledPath(fields, "TimestampPath", timestampPath),
                parseTransition(fields));
    }

    private static Path optionalCompiledPath(DefinitionFields fields, String name, String text) {
        return text == null ? null : Path.compile(text, fields.where() + "." + name);
    }

    private static State parseFail(String name, DefinitionFields fields) {
        fields.requireAtMostOne("Error", "ErrorPath");
        fields.requireAtMostOne("Cause", "CausePath");
        return new State.Fail(name,
                fields.optionalString("Error"), optionalExpression(fields, "ErrorPath"),
                fields.optionalString("Cause"), optionalExpression(fields, "CausePath"));
    }

    /** Reads a field that contains a path or an intrinsic function, or returns {@code null}. */
    private static ValueExpression optionalExpression(DefinitionFields fields, String name) {
        String text = fields.optionalString(name);
        return text == null ? null : ValueExpression.compile(text, fields.where() + "." + name);
    }

    /**
     * Reads InputPath and OutputPath, plus ResultPath and Parameters when the state type has a
     * result, plus ResultSelector for Task states.
     */
    private static InputOutput parseInputOutput(DefinitionFields fields, boolean hasResult,
            boolean hasResultSelector) {
        String where = fields.where();
        Path inputPath = optionalPath(fields, "InputPath");
        Path outputPath = optionalPath(fields, "OutputPath");
        PayloadTemplate parameters = null;
        PayloadTemplate resultSelector = null;
        ReferencePath resultPath = ReferencePath.parse(InputOutput.ROOT, where);
        if (hasResult) {
            parameters = optionalTemplate(fields, "Parameters");
            resultPath = optionalResultPath(fields, "ResultPath");
        }
        if (hasResultSelector) {
            resultSelector = optionalTemplate(fields, "ResultSelector");
        }
        return new InputOutput(inputPath, parameters, resultSelector, resultPath, outputPath);
    }

    /** Reads a path that defaults to {@code $}. Returns {@code null} for JSON null. */
    private static Path optionalPath(DefinitionFields fields, String name) {
        if (fields.isNull(name)) {
            return null;
        }
        String text = fields.optionalString(name);
        return Path.compile(text == null ? InputOutput.ROOT : text, fields.where() + "." + name);
    }

    /** Reads a ResultPath that defaults to {@code $}. Returns {@code null} for JSON null. */
    private static ReferencePath optionalResultPath(DefinitionFields fields, String name) {
        if (fields.isNull(name)) {
            return null;
        }
        String text = fields.optionalString(name);
        String path = text == null ? InputOutput.ROOT : text;
        return ReferencePath.parse(path, fields.where() + "." + name);
    }

    private static PayloadTemplate optionalTemplate(DefinitionFields fields, String name) {
        JsonNode template = fields.node(name);
        if (template == null) {
            return null;
        }
        if (!template.isObject()) {
            throw fields.error("the field '" + name + "' must be an object, not "
                    + Json.typeName(template));
        }
        return PayloadTemplate.compile(template, fields.where() + "." + name);
    }

    private static State.Transition parseTransition(DefinitionFields fields) {
        String next = fields.optionalString("Next");
        boolean end = fields.optionalFlag("End");
        if (end && next != null) {
            throw fields.error("a state cannot have both Next and \"End\": true");
        }
        if (!end && next == null) {
            throw fields.error("the state needs a Next field or \"End\": true");
        }
        return end ? State.Transition.terminal() : State.Transition.to(next);
    }

    private static List<Retrier> parseRetriers(DefinitionFields fields) {
        List<JsonNode> items = fields.optionalArray("Retry");
        List<Retrier> retriers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String where = fields.where() + ".Retry[" + i + "]";
            DefinitionFields retry = new DefinitionFields(items.get(i), where);
            List<String> errorEquals = parseErrorEquals(retry, i == items.size() - 1);
            Integer interval = retry.optionalInteger("IntervalSeconds", 1, MAX_SECONDS);
            Integer maxAttempts = retry.optionalInteger("MaxAttempts", 0, MAX_SECONDS);
            Double backoffRate = retry.optionalNumber("BackoffRate", 1.0);
            Integer maxDelay = retry.optionalInteger("MaxDelaySeconds", 1, MAX_DELAY_SECONDS);
            String jitter = retry.optionalString("JitterStrategy");
            if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
                throw retry.error("JitterStrategy must be FULL or NONE, not '" + jitter + "'");
            }
            retry.has("Comment");
            retry.rejectUnknown();
            retriers.add(new Retrier(errorEquals,
                    interval == null ? Retrier.DEFAULT_INTERVAL_SECONDS : interval,
                    maxAttempts == null ? Retrier.DEFAULT_MAX_ATTEMPTS : maxAttempts,
                    backoffRate == null ? Retrier.DEFAULT_BACKOFF_RATE : backoffRate,
                    maxDelay, "FULL".equals(jitter)));
        }
        return List.copyOf(retriers);
    }

    private static List<Catcher> parseCatchers(DefinitionFields fields) {
        List<JsonNode> items = fields.optionalArray("Catch");
        List<Catcher> catchers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String where = fields.where() + ".Catch[" + i + "]";
            DefinitionFields catcher = new DefinitionFields(items.get(i), where);
            List<String> errorEquals = parseErrorEquals(catcher, i == items.size() - 1);
            String next = catcher.requiredString("Next");
            ReferencePath resultPath = optionalResultPath(catcher, "ResultPath");
            catcher.has("Comment");
            catcher.rejectUnknown();
            catchers.add(new Catcher(errorEquals, next, resultPath));
        }
        return List.copyOf(catchers);
    }

    /** Reads ErrorEquals, where States.ALL may appear only alone and in the last element. */
    private static List<String> parseErrorEquals(DefinitionFields fields, boolean last) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : fields.requiredArray("ErrorEquals")) {
            if (!item.isTextual() || item.textValue().isEmpty()) {
                throw fields.error("ErrorEquals must contain only non-empty strings, not " + item);
            }
            names.add(item.textValue());
        }
        if (names.contains(ErrorNames.ALL) && (names.size() > 1 || !last)) {
            throw fields.error("States.ALL must be the only error name in its ErrorEquals and"
                    + " appear only in the last element of the array");
        }
        return List.copyOf(names);
    }

    /** Checks that every Next, Default and Catch target names an existing state. */
    private static void checkTransitions(Map<String, State> states) {
        for (State state : states.values()) {
            for (String target : successors(state)) {
                if (!states.containsKey(target)) {
                    throw new AslDefinitionException("State '" + state.name()
                            + "' transitions to '" + target + "', which is not in States "
                            + states.keySet() + ".");
                }
            }
        }
    }

    /**
     * Rejects states that are not StartAt and that no Next, Default or Catch names, as the
     * AWS reference linter statelint does. Cycles that StartAt cannot reach are not detected.
     */
    private static void checkReferenced(String startAt, Map<String, State> states) {
        Set<String> referenced = new HashSet<>(List.of(startAt));
        for (State state : states.values()) {
            referenced.addAll(successors(state));
        }
        List<String> orphans = states.keySet().stream()
                .filter(name -> !referenced.contains(name))
                .toList();
        if (!orphans.isEmpty()) {
            throw new AslDefinitionException("No transition leads to the state(s) " + orphans
                    + ". Remove them or add a Next, Default or Catch that names them.");
        }
    }

    private static List<String> successors(State state) {
        List<String> targets = new ArrayList<>();
        if (state instanceof State.Task task) {
            addNext(targets, task.transition());
            task.catchers().forEach(catcher -> targets.add(catcher.next()));
        } else if (state instanceof State.Pass pass) {
            addNext(targets, pass.transition());
        } else if (state instanceof State.Wait wait) {
            addNext(targets, wait.transition());
        } else if (state instanceof State.Choice choice) {
            choice.branches().forEach(branch -> targets.add(branch.next()));
            if (choice.defaultNext() != null) {
                targets.add(choice.defaultNext());
            }
        }
        return targets;
    }

    private static void addNext(List<String> targets, State.Transition transition) {
        if (!transition.end()) {
            targets.add(transition.next());
        }
    }
}
