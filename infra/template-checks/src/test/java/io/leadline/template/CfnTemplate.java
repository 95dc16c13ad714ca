package io.leadline.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** template.yaml as plain maps, CloudFormation short forms (!Ref, !GetAtt, !Sub…) turned into their long forms. */
final class CfnTemplate {

    private static final List<String> FUNCTIONS = List.of("Ref", "Condition", "GetAtt", "Sub", "Join", "If", "Equals",
            "Not", "And", "Or", "Select", "Split", "FindInMap", "ImportValue", "Base64", "GetAZs", "Cidr");

    private final Map<String, Object> root;

    private CfnTemplate(Map<String, Object> root) {
        this.root = root;
    }

    static Path repository() {
        String fromBuild = System.getProperty("leadline.repo");
        Path start = fromBuild != null ? Path.of(fromBuild) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no template.yaml above " + start);
    }

    @SuppressWarnings("unchecked")
    static CfnTemplate load() throws IOException {
        SafeConstructor constructor = new SafeConstructor(new LoaderOptions()) {
            {
                for (String fn : FUNCTIONS) {
                    String longForm = fn.equals("Ref") || fn.equals("Condition") ? fn : "Fn::" + fn;
                    this.yamlConstructors.put(new Tag("!" + fn), new AbstractConstruct() {
                        @Override
                        public Object construct(Node node) {
                            Object value = switch (node) {
                                case ScalarNode s -> fn.equals("GetAtt") ? List.of(s.getValue().split("\\.", 2)) : s.getValue();
                                case SequenceNode s -> constructSequence(s);
                                case MappingNode m -> constructMapping(m);
                                default -> null;
                            };
                            return Map.of(longForm, value);
                        }
                    });
                }
            }
        };
        try (Reader r = Files.newBufferedReader(repository().resolve("template.yaml"))) {
            return new CfnTemplate((Map<String, Object>) new Yaml(constructor).load(r));
        }
    }

    Map<String, Object> root() {
        return root;
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources() {
        return (Map<String, Map<String, Object>>) root.get("Resources");
    }

    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (type.equals(r.get("Type"))) {
                out.put(id, r);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> globals(String section) {
        Map<String, Object> globals = (Map<String, Object>) root.getOrDefault("Globals", Map.of());
        return (Map<String, Object>) globals.getOrDefault(section, Map.of());
    }
}
