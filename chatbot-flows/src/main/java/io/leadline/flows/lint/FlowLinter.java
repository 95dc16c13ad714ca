package io.leadline.flows.lint;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.flows.Field;
import io.leadline.flows.Flow;
import io.leadline.flows.FlowCatalog;
import io.leadline.flows.FlowFormatException;
import io.leadline.flows.FlowLoader;
import io.leadline.flows.Node;
import io.leadline.flows.lint.Finding.Rule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The flow linter, run in the build over {@code chatbot-flows/flows}: a flow that could store
 * personal data without consent, or is otherwise broken, fails the build with the file, the node
 * and the reason.
 *
 * <p>Rules: schema; unknown targets; unreachable nodes; dead ends (nodes from which no end or
 * hand-off can be reached); consent coverage (over every path from the start, loops included, a
 * personal field is stored only while a granted purpose covers it); the locales of one flow agree
 * on node ids, kinds, targets and stored fields; every flow exists in the first-class locales and
 * its texts are translated.
 */
public final class FlowLinter {

    /** Vietnamese and English are first-class: every flow ships in both. */
    public static final List<String> REQUIRED_LOCALES = List.of("vi", "en");
    /** Texts at least this long that are identical across locales were most likely not translated. */
    static final int UNTRANSLATED_MIN_LENGTH = 24;

    private final FlowLoader loader = new FlowLoader();
    private final FlowSchema schema = new FlowSchema();

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: FlowLinter <flows-directory>...");
            System.exit(2);
        }
        FlowLinter linter = new FlowLinter();
        List<Finding> findings = new ArrayList<>();
        int files = 0;
        for (String dir : args) {
            List<Path> yaml = FlowCatalog.yamlFiles(Path.of(dir));
            files += yaml.size();
            findings.addAll(linter.lintFiles(yaml));
        }
        if (findings.isEmpty()) {
            System.out.println("flow linter: " + files + " flow files, no findings");
            return;
        }
        System.err.println("flow linter: " + findings.size() + " finding(s):");
        findings.forEach(f -> System.err.println("  " + f));
        System.exit(1);
    }

    public List<Finding> lint(Path directory) {
        return lintFiles(FlowCatalog.yamlFiles(directory));
    }

    public List<Finding> lintFiles(List<Path> files) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<Loaded>> byFlow = new TreeMap<>();
        Set<String> fileNames = new HashSet<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            fileNames.add(name);
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lintFile(name, content, findings).ifPresent(loaded -> byFlow.computeIfAbsent(loaded.flow().id(), k -> new ArrayList<>()).add(loaded));
        }
        byFlow.values().forEach(group -> findings.addAll(crossLocale(group, fileNames)));
        return findings;
    }

    private record Loaded(String file, Flow flow) {
    }

    private java.util.Optional<Loaded> lintFile(String file, byte[] content, List<Finding> findings) {
        JsonNode tree;
        try {
            tree = loader.readTree(file, content);
        } catch (FlowFormatException e) {
            findings.add(new Finding(file, null, Rule.SCHEMA, e.reason()));
            return java.util.Optional.empty();
        }
        List<Finding> schemaFindings = schema.check(file, tree);
        if (!schemaFindings.isEmpty()) {
            findings.addAll(schemaFindings);
            return java.util.Optional.empty();
        }
        Flow flow;
        try {
            flow = loader.fromTree(file, tree);
        } catch (FlowFormatException e) {
            findings.add(new Finding(file, e.nodeId(), Rule.SCHEMA, e.reason()));
            return java.util.Optional.empty();
        }
        String expectedName = flow.id() + "." + flow.locale() + ".yaml";
        if (!expectedName.equals(file)) {
            findings.add(new Finding(file, null, Rule.SCHEMA, "file name must be " + expectedName));
        }
        findings.addAll(declarations(file, flow));
        findings.addAll(graph(file, flow));
        return java.util.Optional.of(new Loaded(file, flow));
    }

    /** Fields, purposes and retention agree with each other (schema-level consistency). */
    private List<Finding> declarations(String file, Flow flow) {
        List<Finding> out = new ArrayList<>();
        if (!flow.nodes().containsKey(flow.start())) {
            out.add(new Finding(file, null, Rule.UNKNOWN_TARGET, "start node '" + flow.start() + "' does not exist"));
        }
        flow.fields().values().stream().filter(Field::personal).forEach(f -> {
            if (!flow.retention().containsKey(f.purpose())) {
                out.add(new Finding(file, null, Rule.SCHEMA, "personal field '" + f.name() + "' has purpose '" + f.purpose()
                        + "' but retention declares no period for it"));
            }
        });
        for (Node node : flow.nodes().values()) {
            for (String stored : stores(node)) {
                if (!flow.fields().containsKey(stored)) {
                    out.add(new Finding(file, node.id(), Rule.SCHEMA, "stores '" + stored + "', which is not declared under fields"));
                }
            }
            if (node instanceof Node.Consent c) {
                if (!flow.retention().containsKey(c.purpose())) {
                    out.add(new Finding(file, c.id(), Rule.SCHEMA, "asks consent to '" + c.purpose() + "' but retention declares no period for it"));
                } else if (!flow.retention().get(c.purpose()).equals(c.retention())) {
                    out.add(new Finding(file, c.id(), Rule.SCHEMA, "shows retention " + c.retention().toDays()
                            + " days but the flow keeps '" + c.purpose() + "' data " + flow.retention().get(c.purpose()).toDays() + " days"));
                }
            }
            if (node instanceof Node.Branch b && flow.field(b.field()).map(Field::personal).orElse(false)) {
                out.add(new Finding(file, b.id(), Rule.SCHEMA, "branches on personal field '" + b.field() + "'; branch on non-personal answers only"));
            }
        }
        return out;
    }

    private static List<String> stores(Node node) {
        return switch (node) {
            case Node.Question q -> List.of(q.store());
            case Node.Choice c -> c.store().map(List::of).orElse(List.of());
            default -> List.of();
        };
    }

    /** Unknown targets, unreachable nodes, dead ends and consent coverage. */
    private List<Finding> graph(String file, Flow flow) {
        List<Finding> out = new ArrayList<>();
        Map<String, Node> nodes = flow.nodes();
        Set<String> withUnknownTargets = new HashSet<>();
        for (Node node : nodes.values()) {
            for (String target : node.targets()) {
                if (!nodes.containsKey(target)) {
                    out.add(new Finding(file, node.id(), Rule.UNKNOWN_TARGET, "leads to '" + target + "', which is not a node of this flow"));
                    withUnknownTargets.add(node.id());
                }
            }
        }
        if (!nodes.containsKey(flow.start())) {
            return out;
        }
        Set<String> reachable = reachableFrom(flow.start(), nodes);
        for (String id : nodes.keySet()) {
            if (!reachable.contains(id)) {
                out.add(new Finding(file, id, Rule.UNREACHABLE, "no path from the start ('" + flow.start() + "') reaches this node"));
            }
        }
        Set<String> canFinish = canReachTerminal(nodes);
        for (String id : reachable) {
            if (!canFinish.contains(id) && !withUnknownTargets.contains(id)) {
                out.add(new Finding(file, id, Rule.DEAD_END, "no end or hand-off can be reached from here: a visitor would be stuck"));
            }
        }
        out.addAll(consentCoverage(file, flow));
        return out;
    }

    private static Set<String> reachableFrom(String start, Map<String, Node> nodes) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            Node node = nodes.get(id);
            if (node == null || !seen.add(id)) {
                continue;
            }
            node.targets().forEach(todo::push);
        }
        return seen;
    }

    private static Set<String> canReachTerminal(Map<String, Node> nodes) {
        Map<String, Set<String>> predecessors = new HashMap<>();
        nodes.values().forEach(n -> n.targets().forEach(t -> predecessors.computeIfAbsent(t, k -> new HashSet<>()).add(n.id())));
        Set<String> ok = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        nodes.values().stream().filter(n -> n instanceof Node.End || n instanceof Node.Handoff).forEach(n -> todo.push(n.id()));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (ok.add(id)) {
                predecessors.getOrDefault(id, Set.of()).forEach(todo::push);
            }
        }
        return ok;
    }

    /**
     * Searches every path from the start over states (node, purposes granted so far): a consent
     * node's yes-edge grants its purpose and its no-edge takes it away. A state that reaches a node
     * storing a personal field without its purpose is a violation; the path to it is reported.
     * Loops are covered because a state is visited once, and the state space is finite.
     */
    private List<Finding> consentCoverage(String file, Flow flow) {
        record State(String node, Set<String> granted) {
        }
        List<Finding> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        Map<State, State> parent = new HashMap<>();
        State start = new State(flow.start(), Set.of());
        Deque<State> todo = new ArrayDeque<>(List.of(start));
        Set<State> seen = new HashSet<>(List.of(start));
        while (!todo.isEmpty()) {
            State s = todo.removeFirst();
            Node node = flow.nodes().get(s.node());
            if (node == null) {
                continue;
            }
            for (String field : stores(node)) {
                Field spec = flow.fields().get(field);
                if (spec == null || !spec.personal() || s.granted().contains(spec.purpose())) {
                    continue;
                }
                if (reported.add(node.id() + "/" + field)) {
                    List<String> path = new ArrayList<>();
                    for (State p = s; p != null; p = parent.get(p)) {
                        path.add(0, p.node());
                    }
                    out.add(new Finding(file, node.id(), Rule.CONSENT_MISSING, "stores personal field '" + field
                            + "' without consent to '" + spec.purpose() + "' on the path " + String.join(" → ", path)));
                }
            }
            List<State> next = new ArrayList<>();
            if (node instanceof Node.Consent c) {
                Set<String> yes = new TreeSet<>(s.granted());
                yes.add(c.purpose());
                Set<String> no = new TreeSet<>(s.granted());
                no.remove(c.purpose());
                next.add(new State(c.yes(), Set.copyOf(yes)));
                next.add(new State(c.no(), Set.copyOf(no)));
            } else {
                node.targets().forEach(t -> next.add(new State(t, s.granted())));
            }
            next.forEach(state -> enqueue(state, s, seen, parent, todo));
        }
        return out;
    }

    private static <S> void enqueue(S state, S from, Set<S> seen, Map<S, S> parent, Deque<S> todo) {
        if (seen.add(state)) {
            parent.put(state, from);
            todo.addLast(state);
        }
    }

    /** The locales of one flow: present where required, structurally identical, and translated. */
    private List<Finding> crossLocale(List<Loaded> group, Set<String> fileNames) {
        List<Finding> out = new ArrayList<>();
        Map<String, Loaded> byLocale = new TreeMap<>();
        group.forEach(l -> byLocale.put(l.flow().locale(), l));
        Loaded reference = byLocale.getOrDefault("en", group.get(0));
        for (String required : REQUIRED_LOCALES) {
            // A file that failed the schema still exists: its own findings say what is wrong with it.
            if (!byLocale.containsKey(required) && !fileNames.contains(reference.flow().id() + "." + required + ".yaml")) {
                out.add(new Finding(reference.file(), null, Rule.MISSING_TRANSLATION, "flow '" + reference.flow().id()
                        + "' has no '" + required + "' file (" + reference.flow().id() + "." + required + ".yaml)"));
            }
        }
        for (Loaded other : group) {
            if (other == reference) {
                continue;
            }
            out.addAll(compare(reference, other));
        }
        return out;
    }

    private List<Finding> compare(Loaded ref, Loaded other) {
        List<Finding> out = new ArrayList<>();
        Flow a = ref.flow();
        Flow b = other.flow();
        String against = " than " + ref.file();
        if (a.version() != b.version()) {
            out.add(new Finding(other.file(), null, Rule.LOCALES_DIFFER, "version " + b.version() + " differs from " + a.version() + " in " + ref.file()));
        }
        if (!a.start().equals(b.start())) {
            out.add(new Finding(other.file(), null, Rule.LOCALES_DIFFER, "starts at another node" + against));
        }
        if (!a.fields().equals(b.fields())) {
            out.add(new Finding(other.file(), null, Rule.LOCALES_DIFFER, "declares other fields" + against));
        }
        if (!a.retention().equals(b.retention())) {
            out.add(new Finding(other.file(), null, Rule.LOCALES_DIFFER, "declares other retention" + against));
        }
        if (!a.followUpWithin().equals(b.followUpWithin())) {
            out.add(new Finding(other.file(), null, Rule.LOCALES_DIFFER, "declares another follow-up time" + against));
        }
        if (!a.businessHours().equals(b.businessHours())) {
            out.add(new Finding(other.file(), null, Rule.LOCALES_DIFFER, "declares other business hours" + against));
        }
        for (String id : a.nodes().keySet()) {
            if (!b.nodes().containsKey(id)) {
                out.add(new Finding(other.file(), id, Rule.MISSING_TRANSLATION, "node is missing here but exists in " + ref.file()));
            }
        }
        for (String id : b.nodes().keySet()) {
            Node nb = b.nodes().get(id);
            Node na = a.nodes().get(id);
            if (na == null) {
                out.add(new Finding(other.file(), id, Rule.LOCALES_DIFFER, "node does not exist in " + ref.file()));
                continue;
            }
            if (!shape(na).equals(shape(nb))) {
                out.add(new Finding(other.file(), id, Rule.LOCALES_DIFFER, "kind, targets or stored field differ" + against
                        + " (" + shape(nb) + " vs " + shape(na) + ")"));
                continue;
            }
            List<String> ta = texts(na);
            List<String> tb = texts(nb);
            for (int i = 0; i < Math.min(ta.size(), tb.size()); i++) {
                String t = tb.get(i);
                if (t.strip().length() >= UNTRANSLATED_MIN_LENGTH && t.strip().equals(ta.get(i).strip())) {
                    out.add(new Finding(other.file(), id, Rule.MISSING_TRANSLATION, "text is identical to " + ref.file()
                            + "'s: not translated (\"" + abbreviate(t) + "\")"));
                }
            }
        }
        if (!a.messages().keySet().equals(b.messages().keySet())) {
            out.add(new Finding(other.file(), null, Rule.MISSING_TRANSLATION, "overrides other messages" + against
                    + ": " + b.messages().keySet() + " vs " + a.messages().keySet()));
        }
        return out;
    }

    /** What must not differ between locales: kind, stored field, purpose and where each edge leads. */
    private static String shape(Node node) {
        return switch (node) {
            case Node.Message m -> "message→" + m.next();
            case Node.Choice c -> "choice[" + c.store().orElse("") + "]" + c.options().stream()
                    .map(o -> o.id() + "→" + o.next()).toList();
            case Node.Question q -> "question[" + q.store() + "," + q.validator() + "]→" + q.next();
            case Node.Consent c -> "consent[" + c.purpose() + "," + c.retention() + "]→" + c.yes() + "|" + c.no();
            case Node.Branch b -> "branch[" + b.field() + "]" + b.cases() + "→" + b.otherwise();
            case Node.Handoff h -> "handoff";
            case Node.End e -> "end";
        };
    }

    private static List<String> texts(Node node) {
        return switch (node) {
            case Node.Message m -> List.of(m.text());
            case Node.Choice c -> {
                List<String> t = new ArrayList<>(List.of(c.text()));
                c.options().forEach(o -> t.add(o.label()));
                yield t;
            }
            case Node.Question q -> List.of(q.text());
            case Node.Consent c -> List.of(c.text());
            case Node.Handoff h -> List.of(h.text());
            case Node.End e -> List.of(e.text());
            case Node.Branch b -> List.of();
        };
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }
}
