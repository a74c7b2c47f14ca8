package dev.sspr.adapter.dynamodb;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation or SAM template into maps, lists and strings. CloudFormation's short
 * tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub} and the others) are kept as
 * {@link Intrinsic} values instead of failing, because SnakeYAML only composes the node tree here
 * and never constructs the tagged values.
 */
final class CloudFormationYaml {

    /** A value written with a CloudFormation tag, such as {@code !Ref SessionsTable}. */
    record Intrinsic(String tag, Object value) {
    }

    private CloudFormationYaml() {
    }

    /** Parses one YAML document; every scalar becomes a String, whatever YAML type it resolves to. */
    static Object parse(String yaml) {
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        if (root == null) {
            throw new IllegalArgumentException("The template is empty");
        }
        return convert(root);
    }

    private static Object convert(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
            value = scalar.getValue();
        } else if (node instanceof SequenceNode sequence) {
            value = convertSequence(sequence);
        } else if (node instanceof MappingNode mapping) {
            value = convertMapping(mapping);
        } else {
            throw new IllegalArgumentException("Unsupported YAML node " + node.getNodeId() + " at " + node.getStartMark());
        }
        // Standard YAML tags are URIs such as tag:yaml.org,2002:str; local tags start with "!".
        String tag = node.getTag().getValue();
        return tag.startsWith("!") ? new Intrinsic(tag, value) : value;
    }

    private static List<Object> convertSequence(SequenceNode sequence) {
        List<Object> list = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            list.add(convert(item));
        }
        return list;
    }

    private static Map<String, Object> convertMapping(MappingNode mapping) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new IllegalArgumentException("Unsupported non-scalar YAML key at " + tuple.getKeyNode().getStartMark());
            }
            map.put(key.getValue(), convert(tuple.getValueNode()));
        }
        return map;
    }
}
