package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.testing.Percentiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load generator for the chat API on loopback: {@code visitors} virtual threads, each going through
 * website-lead again and again (start, choice, consent, name, e-mail, phone; details of their own) until
 * the time is up, with Java's HTTP client over HTTP/1.1 keep-alive. Every request's latency is kept.
 * Used by {@code ChatLoadE2ETest} (correctness under load) and {@code ChatLoadBenchmark} (throughput).
 */
public final class ChatLoad {

    /** What one run did. Latencies in nanoseconds, sorted. */
    public record Result(int visitors, double seconds, long[] latencies, Map<Integer, Integer> statuses,
                         Set<String> completed, int refused) {

        public int requests() {
            return latencies.length;
        }

        public double perSecond() {
            return latencies.length / seconds;
        }

        /** Nearest rank, in milliseconds. */
        public double percentileMillis(int p) {
            return Percentiles.of(latencies, p) / 1e6;
        }

        public boolean errorFree() {
            return Set.of(200, 201).containsAll(statuses.keySet()) && refused == 0;
        }

        public String summary() {
            return String.format("%d visitors at once for %.0f s: %,d requests (%.0f/s), %,d conversations completed, "
                            + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s; refused answers %d",
                    visitors, seconds, requests(), perSecond(), completed.size(), percentileMillis(50),
                    percentileMillis(99), percentileMillis(100), new TreeMap<>(statuses), refused);
        }
    }

    private final URI base;
    /** Visitor numbers go on across runs: a visitor's e-mail and phone are never another's. */
    private final AtomicInteger numbers = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public ChatLoad(String baseUrl) {
        this.base = URI.create(baseUrl);
    }

    /** {@code visitors} at once for {@code duration}; each finishes the request it is in. */
    public Result run(int visitors, Duration duration) throws Exception {
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Set<String> completed = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> runs = new ArrayList<>();
            for (int v = 0; v < visitors; v++) {
                runs.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        String conversation = visit(numbers.incrementAndGet(), statuses, latencies, refused);
                        if (conversation != null) {
                            completed.add(conversation);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Result(visitors, elapsed, sorted, Map.copyOf(statuses), Set.copyOf(completed), refused.get());
    }

    /**
     * How many leads name each conversation, and how many leads there are in all: after a clean run every
     * completed conversation is in exactly one lead and there is no other lead.
     */
    public record Leads(int total, Map<String, Integer> perConversation) {

        /** Empty when every completed conversation is in exactly one lead and there is no other; else what is wrong. */
        public List<String> problems(Set<String> completed) {
            List<String> out = new ArrayList<>();
            if (total != completed.size()) {
                out.add(total + " leads for " + completed.size() + " completed conversations");
            }
            for (String c : completed) {
                int n = perConversation.getOrDefault(c, 0);
                if (n != 1) {
                    out.add("conversation " + c + " is in " + n + " leads");
                }
            }
            return out;
        }
    }

    public static Leads leads(LocalProduct product) {
        Map<String, Integer> perConversation = new HashMap<>();
        var leads = RawTables.items(product, product.config().tables().leads()).stream()
                .filter(i -> i.containsKey("conversationIds")).toList();
        for (var lead : leads) {
            for (var c : lead.get("conversationIds").l()) {
                perConversation.merge(c.s(), 1, Integer::sum);
            }
        }
        return new Leads(leads.size(), perConversation);
    }

    /** A name of letters only, different for every visitor number. */
    private static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        for (int x = n; x > 0; x /= 26) {
            sb.append((char) ('a' + x % 26));
        }
        return sb.reverse().toString();
    }

    /** The body that starts a website-lead conversation from a campaign source. */
    public static String startBody(String source) {
        return "{\"flowId\":\"website-lead\",\"locale\":\"en\",\"source\":\"" + source + "\"}";
    }

    /**
     * Visitor {@code n}'s answers through website-lead after the start: choice, consent, name, e-mail and
     * phone (which captures the lead), each with its clientMessageId; details differ for every n.
     */
    public static List<String> answers(int n) {
        String[] turns = {"\"choice\":\"demo\"", "\"consent\":{\"purpose\":\"contact\",\"granted\":true}",
                "\"text\":\"Visitor " + letters(n) + "\"", "\"text\":\"visitor" + n + "@load.example\"",
                "\"text\":\"+8490" + String.format("%07d", n) + "\""};
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < turns.length; i++) {
            bodies.add("{" + turns[i] + ",\"clientMessageId\":\"m" + i + "\"}");
        }
        return bodies;
    }

    /** One visitor through website-lead; the conversation id if it reached the end with a lead. */
    private String visit(int n, Map<Integer, Integer> statuses, ConcurrentLinkedQueue<Long> latencies,
                         AtomicInteger refused) throws Exception {
        JsonNode start = send("/chat/conversations", null, startBody("load"), statuses, latencies);
        if (start == null) {
            return null;
        }
        String id = start.path("conversationId").asText();
        String token = start.path("token").asText();
        String path = "/chat/conversations/" + id + "/messages";
        JsonNode last = null;
        for (String body : answers(n)) {
            last = send(path, token, body, statuses, latencies);
            if (last == null || last.path("prompt").has("hint")) {
                refused.incrementAndGet();
                return null;
            }
        }
        return "end".equals(last.path("prompt").path("type").asText()) ? id : null;
    }

    private JsonNode send(String path, String token, String body, Map<Integer, Integer> statuses,
                          ConcurrentLinkedQueue<Long> latencies) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        latencies.add(System.nanoTime() - t0);
        statuses.merge(r.statusCode(), 1, Integer::sum);
        return r.statusCode() / 100 == 2 ? json.readTree(r.body()) : null;
    }
}
