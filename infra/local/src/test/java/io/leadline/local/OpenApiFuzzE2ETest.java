package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.testing.ExternalTools;
import io.leadline.testing.Hostile;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A fuzz run generated from infra/openapi.yaml against the whole local product over loopback
 * ({@link OpenApiFuzzer}: every operation, valid requests and mutated ones), each answer held to the
 * document and the API's rules ({@link FuzzVerdict}), and afterwards the data stored before the run
 * checked intact ({@link KeptData}). Two slices: chat rate limits off (every request comes from one
 * address), and on, where the gateway's 429 is a fine answer for the chat API too.
 *
 * <p>{@code -Dleadline.fuzz.requests} (default 5,000) sets the size of the first slice,
 * {@code -Dleadline.fuzz.limitedRequests} (default a tenth of it, at least 300) the second;
 * {@code -Dleadline.fuzz.clients} (default 4) the connections at once; {@code -Dleadline.seed} the seed
 * (printed); {@code -Dleadline.fuzz.only=<#>} sends request # alone, as the summary names it.
 */
class OpenApiFuzzE2ETest {

    static final int DEFAULT_REQUESTS = 5_000;
    /** Every so many requests a fuzz person leaves a new lead through the chat (the run erases them). */
    static final int REPLENISH_EVERY = 250;
    /** The rate-limited slice's requests are numbered from here, so they are not the first slice's again. */
    static final int LIMITED_FIRST_INDEX = 1_000_000_000;

    @TempDir
    Path data;

    @RegisterExtension
    final RunningProduct running = new RunningProduct();

    @ParameterizedTest(name = "chat rate limits {0}")
    @ValueSource(strings = {"off", "on"})
    void everyAnswerIsDocumentedNoneIsA5xxAndStoredDataSurvives(String limits) throws Exception {
        boolean limited = limits.equals("on");
        int total = Integer.getInteger("leadline.fuzz.requests", DEFAULT_REQUESTS);
        int requests = limited ? Integer.getInteger("leadline.fuzz.limitedRequests", Math.max(300, total / 10)) : total;
        Integer only = Integer.getInteger("leadline.fuzz.only");
        int clients = Integer.getInteger("leadline.fuzz.clients", 4);
        long seed = Hostile.runSeed();

        LocalOptions options = RunningProduct.options(data);
        LocalProduct product = running.start(limited ? options : options.withoutChatRateLimits());
        Path document = ExternalTools.repositoryRoot().resolve("infra/openapi.yaml");
        OpenApiSpec spec = OpenApiSpec.load(document);
        FuzzTargets targets = new FuzzTargets(product).signIn();
        KeptData kept = KeptData.seed(targets);
        targets.preparePools(kept.leadIds());
        OpenApiFuzzer fuzzer = new OpenApiFuzzer(spec, targets, seed);
        FuzzVerdict verdict = new FuzzVerdict(spec, Files.readString(document), limited);
        FuzzReport report = new FuzzReport();
        System.out.printf("openapi fuzz (chat rate limits %s): %,d requests over %d connections, %d operations, seed %d%n",
                limits, only == null ? requests : 1, clients, fuzzer.operations().size(), seed);

        AtomicInteger next = new AtomicInteger();
        int first = limited ? LIMITED_FIRST_INDEX : 0;
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < (only == null ? clients : 1); w++) {
            workers.add(pool.submit(() -> {
                try (RawHttp http = new RawHttp("127.0.0.1", product.port())) {
                    for (int n = next.getAndIncrement(); n < (only == null ? requests : 1); n = next.getAndIncrement()) {
                        if (n % REPLENISH_EVERY == REPLENISH_EVERY - 1) {
                            // The run erases fuzz people's leads: a visitor leaves a new one now and then.
                            targets.captureLead(targets.people.get((n / REPLENISH_EVERY) % targets.people.size()));
                        }
                        OpenApiFuzzer.Request rq = fuzzer.request(only == null ? first + n : only);
                        if (only != null) {
                            System.out.println("request " + rq.describe());
                        }
                        send(http, rq, spec, verdict, targets, report);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;

        List<String> damage = kept.verify();
        System.out.print(report.summary("openapi fuzz (chat rate limits " + limits + ")", seed, seconds));
        System.out.println("  tables afterwards (items, each read to its end): " + kept.tableSizes());
        System.out.println("  data stored before the run: " + (damage.isEmpty() ? "intact" : damage));

        assertEquals(0, report.failures(), "failures (see the summary above)");
        assertEquals(List.of(), damage, "data stored before the run was lost or changed");
        if (!limited && only == null && requests >= 2_000) {
            assertEquals(List.of(), report.untouched(), "every operation both succeeded and refused at least once");
        }
    }

    private static void send(RawHttp http, OpenApiFuzzer.Request rq, OpenApiSpec spec, FuzzVerdict verdict,
                             FuzzTargets targets, FuzzReport report) {
        String operation = spec.operationId(rq.operation());
        RawHttp.Response r;
        try {
            r = http.send(rq.method(), rq.target(), rq.headers(), rq.body());
        } catch (IOException | RuntimeException e) {
            http.close();
            if (verdict.mayCloseUnanswered(rq)) {
                report.note("closed unanswered: request line not a URI, or body over 10 MB");
                report.record(rq, operation, 0, List.of());
            } else {
                report.record(rq, operation, 0, List.of("transport: " + e));
            }
            return;
        }
        report.record(rq, operation, r.status(), verdict.check(rq, r, report::note));
        learn(rq, operation, r, targets);
    }

    /**
     * What answers show joins the pools, as a client follows them: conversations started, leads listed
     * (never the kept ones), cursors handed out, the versions leads are at.
     */
    private static void learn(OpenApiFuzzer.Request rq, String operation, RawHttp.Response r, FuzzTargets targets) {
        if (r.status() / 100 != 2 || r.body().isEmpty()) {
            return;
        }
        try {
            JsonNode body = new ObjectMapper().readTree(r.body());
            switch (operation) {
                case "startConversation" -> targets.started(rq.index(),
                        new FuzzTargets.Conversation(body.path("conversationId").asText(), body.path("token").asText()));
                case "listLeads", "overdueLeads" -> {
                    body.path("leads").forEach(l -> {
                        targets.lead(l.path("id").asText());
                        targets.version(l.path("id").asText(), l.path("version").asLong());
                    });
                    if (body.path("nextCursor").isTextual()) {
                        targets.cursor(body.path("nextCursor").asText());
                    }
                }
                case "revealLead", "updateLead", "claimLead", "assignLead" ->
                        targets.version(body.path("id").asText(), body.path("version").asLong());
                case "addNote" -> targets.version(rq.target().split("/")[3], body.path("leadVersion").asLong());
                default -> {
                    // nothing to follow
                }
            }
        } catch (IOException notJson) {
            // the verdict has counted it
        }
    }
}
