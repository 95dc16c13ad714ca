package io.leadline.flows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The flows a function can run, by id and locale. */
public final class FlowCatalog {

    /** When a visitor's language has no translation, try these in order. */
    private static final List<String> FALLBACK_LOCALES = List.of("en", "vi");
    private static final String DIRECTORY = "flows/";

    private final Map<String, Map<String, Flow>> flows;

    private FlowCatalog(Map<String, Map<String, Flow>> flows) {
        this.flows = flows;
    }

    public static FlowCatalog of(Collection<Flow> list) {
        Map<String, Map<String, Flow>> byId = new TreeMap<>();
        for (Flow f : list) {
            Flow previous = byId.computeIfAbsent(f.id(), k -> new TreeMap<>()).put(f.locale(), f);
            if (previous != null) {
                throw new IllegalArgumentException("two files define flow " + f.id() + " in " + f.locale());
            }
        }
        byId.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        return new FlowCatalog(Collections.unmodifiableMap(byId));
    }

    /** Every {@code flows/*.yaml} on the class path (a directory in development and in Lambda, or a jar). */
    public static FlowCatalog fromClasspath(FlowLoader loader) {
        ClassLoader cl = FlowCatalog.class.getClassLoader();
        URL dir = cl.getResource(DIRECTORY);
        if (dir == null) {
            throw new IllegalStateException("no flows/ directory on the class path");
        }
        List<Flow> list = new ArrayList<>();
        for (String name : listYaml(dir)) {
            try (InputStream in = cl.getResourceAsStream(DIRECTORY + name)) {
                if (in == null) {
                    throw new IllegalStateException("flow file vanished: " + name);
                }
                list.add(loader.load(name, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return of(list);
    }

    /** Every {@code *.yaml} in a directory, for tools (linter, tests). */
    public static List<Path> yamlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> listYaml(URL dir) {
        Set<String> names = new TreeSet<>();
        try {
            if ("file".equals(dir.getProtocol())) {
                for (Path p : yamlFiles(Path.of(dir.toURI()))) {
                    names.add(p.getFileName().toString());
                }
            } else if ("jar".equals(dir.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) dir.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (JarEntry e : Collections.list(jar.entries())) {
                        String n = e.getName();
                        if (n.startsWith(DIRECTORY) && n.endsWith(".yaml") && n.indexOf('/', DIRECTORY.length()) < 0) {
                            names.add(n.substring(DIRECTORY.length()));
                        }
                    }
                }
            } else {
                throw new IllegalStateException("cannot list flows in " + dir.getProtocol() + " resources");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(names);
    }

    public Set<String> flowIds() {
        return flows.keySet();
    }

    public Set<String> locales(String flowId) {
        return flows.getOrDefault(flowId, Map.of()).keySet();
    }

    public boolean exists(String flowId) {
        return flows.containsKey(flowId);
    }

    /**
     * The flow in the visitor's language: exact tag, then its language ({@code vi-VN} → {@code vi}),
     * then English, then Vietnamese, then any translation there is.
     */
    public Optional<Flow> find(String flowId, String locale) {
        Map<String, Flow> byLocale = flows.get(flowId);
        if (byLocale == null || byLocale.isEmpty()) {
            return Optional.empty();
        }
        String tag = locale == null ? "" : locale.toLowerCase(Locale.ROOT).replace('_', '-');
        if (byLocale.containsKey(tag)) {
            return Optional.of(byLocale.get(tag));
        }
        int dash = tag.indexOf('-');
        if (dash > 0 && byLocale.containsKey(tag.substring(0, dash))) {
            return Optional.of(byLocale.get(tag.substring(0, dash)));
        }
        for (String fallback : FALLBACK_LOCALES) {
            if (byLocale.containsKey(fallback)) {
                return Optional.of(byLocale.get(fallback));
            }
        }
        return Optional.of(byLocale.values().iterator().next());
    }

    public List<Flow> all() {
        return flows.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
