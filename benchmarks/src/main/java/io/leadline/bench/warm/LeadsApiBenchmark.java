package io.leadline.bench.warm;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.chat.ChatClient;
import io.leadline.chat.DaggerChatComponent;
import io.leadline.leadsapi.ConsoleClient;
import io.leadline.leadsapi.DaggerLeadsApiComponent;
import io.leadline.leadsapi.LeadsApi;
import io.leadline.leadsapi.LeadsApiRoutes;
import io.leadline.users.LocalUserDirectory;
import io.leadline.users.Role;
import io.leadline.users.StaffUser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One console API call, warm and in-process: the real leads API function (its Dagger graph, the local
 * raw AES keyring) handling an API Gateway event that carries the JWT claims as the authorizer passes
 * them, with DynamoDB answered from memory by {@link InMemoryDynamoDb}. The leads were captured by the
 * real chat function on the same tables. Each invocation replays the call against the same stored
 * state, restored outside the timing.
 * <ul>
 *   <li>{@code list}: GET /api/leads, a manager's first page (25 of 60 leads, masked);</li>
 *   <li>{@code detail}: GET /api/leads/{id}, the manager's reveal: subject key unwrapped, contact data
 *   decrypted, the reveal counted and written to the hash-chained audit log;</li>
 *   <li>{@code status}: PATCH /api/leads/{id} new → contacted (optimistic version check, audit entry,
 *   funnel event).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LeadsApiBenchmark {

    static final int LEADS = 60;

    @Param({"list", "detail", "status"})
    public String call;

    private WarmPlatform warm;
    private LeadsApi api;
    private WarmPlatform.Replay replay;

    @Setup(Level.Trial)
    public void setUp() {
        WarmPlatform.discardStdout();
        warm = new WarmPlatform();
        ChatClient chat = new ChatClient(DaggerChatComponent.factory().create(warm.config, warm.platform).api());
        for (int i = 0; i < LEADS; i++) {
            chat.leaveLead(WarmPlatform.visitorName(i), "khach" + i + "@example.vn", String.format("09%08d", 10_000_000 + i));
        }
        LocalUserDirectory users = new LocalUserDirectory(warm.directory.resolve("users.json"), new SecureRandom(),
                Clock.systemUTC());
        StaffUser m = users.create("manager", Role.SALES_MANAGER).user();
        ConsoleClient.User manager = new ConsoleClient.User(m.id(), "manager", "[" + Role.SALES_MANAGER.group() + "]");
        api = DaggerLeadsApiComponent.factory().create(warm.config, warm.platform, users).api();
        WarmPlatform.Recorder recorder = new WarmPlatform.Recorder(api);
        ConsoleClient console = new ConsoleClient(recorder);

        var before = warm.dynamo.snapshot();
        ConsoleClient.Response list = console.get(manager, LeadsApiRoutes.LEADS, Map.of(), Map.of());
        check(list.status(), list.body().path("leads").size() == 25, list.body());
        JsonNode lead = list.body().path("leads").get(0);
        String id = lead.path("id").asText();
        if (call.equals("detail")) {
            ConsoleClient.Response r = console.get(manager, LeadsApiRoutes.LEAD, Map.of("id", id), Map.of());
            check(r.status(), r.body().path("personal").path("contact").has("email"), r.body());
        } else if (call.equals("status")) {
            ConsoleClient.Response r = console.call(manager, LeadsApiRoutes.UPDATE_LEAD, Map.of("id", id),
                    "{\"status\":\"contacted\",\"version\":" + lead.path("version").asLong() + "}");
            check(r.status(), "contacted".equals(r.body().path("status").asText()), r.body());
        } else if (!call.equals("list")) {
            throw new IllegalArgumentException("no call " + call);
        }
        replay = new WarmPlatform.Replay(recorder.last(), before);
        for (int i = 0; i < 2; i++) {
            warm.dynamo.resetCalls();
            warm.dynamo.restore(before);
            APIGatewayV2HTTPResponse again = api.apply(replay.event());
            check(again.getStatusCode(), true, WarmPlatform.body(again));
        }
        System.err.println("DynamoDB calls per " + call + " call: " + warm.dynamo.calls());
    }

    private static void check(int status, boolean expected, JsonNode body) {
        if (status >= 300 || !expected) {
            throw new IllegalStateException("unexpected answer " + status + " " + body);
        }
    }

    @Setup(Level.Invocation)
    public void restore() {
        warm.dynamo.restore(replay.before());
    }

    @Benchmark
    public APIGatewayV2HTTPResponse leadsApiCall() {
        return WarmPlatform.ok(api.apply(replay.event()));
    }
}
