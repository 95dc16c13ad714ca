package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many visitors at once through the local gateway on loopback for a bounded time (60 s by default;
 * -Dleadline.load.seconds, -Dleadline.load.visitors): each goes through website-lead to a lead with
 * details of their own. Zero errors, and afterwards every completed conversation is in exactly one
 * lead and there is no other lead: none lost, none doubled. Prints the figures BENCHMARKS.md reports.
 * The chat rate limits are off: every request comes from one address here.
 */
class ChatLoadE2ETest {

    @TempDir
    Path data;

    private LocalProduct product;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger refused = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final RunningProduct running = new RunningProduct();

    @Test
    void concurrentVisitorsLeaveExactlyOneLeadEachAndNoErrors() throws Exception {
        int seconds = Integer.getInteger("leadline.load.seconds", 60);
        int visitors = Integer.getInteger("leadline.load.visitors", 16);
        product = running.start(RunningProduct.options(data).withoutChatRateLimits());

        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Set<String> completed = ConcurrentHashMap.newKeySet();
        AtomicInteger numbers = new AtomicInteger();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> runs = new ArrayList<>();
        for (int v = 0; v < visitors; v++) {
            runs.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    int n = numbers.incrementAndGet();
                    String conversation = visit(n, statuses, latencies);
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
        pool.shutdown();
        double elapsed = (System.nanoTime() - started) / 1e9;

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int requests = sorted.size();
        System.out.printf("load: %d visitors at once for %.0f s: %,d requests (%.0f/s), %,d conversations completed, "
                        + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s%n",
                visitors, elapsed, requests, requests / elapsed, completed.size(),
                sorted.get(requests / 2) / 1e6, sorted.get((int) Math.ceil(requests * 0.99) - 1) / 1e6,
                sorted.get(requests - 1) / 1e6, new java.util.TreeMap<>(statuses));

        assertEquals(Set.of(200, 201), statuses.keySet(), "no errors: " + statuses);
        assertEquals(0, refused.get(), "every answer of the script was accepted");
        // Every completed conversation is in exactly one lead, and there is no other lead.
        Map<String, Integer> leadsPerConversation = new HashMap<>();
        var leads = RawTables.items(product, product.config().tables().leads()).stream()
                .filter(i -> i.containsKey("conversationIds")).toList();
        for (var lead : leads) {
            for (var c : lead.get("conversationIds").l()) {
                leadsPerConversation.merge(c.s(), 1, Integer::sum);
            }
        }
        assertEquals(completed.size(), leads.size(), "one lead per completed conversation");
        for (String c : completed) {
            assertEquals(1, leadsPerConversation.getOrDefault(c, 0), "conversation " + c + " is in exactly one lead");
        }
        assertTrue(completed.size() > visitors, "the run completed conversations: " + completed.size());
    }

    /** A name of letters only, different for every visitor number. */
    private static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        for (int x = n; x > 0; x /= 26) {
            sb.append((char) ('a' + x % 26));
        }
        return sb.reverse().toString();
    }

    /** One visitor through website-lead; the conversation id if it reached the end with a lead. */
    private String visit(int n, Map<Integer, Integer> statuses, ConcurrentLinkedQueue<Long> latencies) throws Exception {
        JsonNode start = send("/chat/conversations", null, "{\"flowId\":\"website-lead\",\"locale\":\"en\",\"source\":\"load\"}",
                statuses, latencies);
        if (start == null) {
            return null;
        }
        String id = start.path("conversationId").asText();
        String token = start.path("token").asText();
        String path = "/chat/conversations/" + id + "/messages";
        String[] turns = {"{\"choice\":\"demo\"}", "{\"consent\":{\"purpose\":\"contact\",\"granted\":true}}",
                "{\"text\":\"Visitor " + letters(n) + "\"}", "{\"text\":\"visitor" + n + "@load.example\"}",
                "{\"text\":\"+8490" + String.format("%07d", n) + "\"}"};
        JsonNode last = null;
        for (int i = 0; i < turns.length; i++) {
            String body = turns[i].substring(0, turns[i].length() - 1) + ",\"clientMessageId\":\"m" + i + "\"}";
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(product.baseUrl() + path)).timeout(Duration.ofSeconds(30))
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
