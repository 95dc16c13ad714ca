package io.leadline.bench.warm;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.chat.ChatApi;
import io.leadline.chat.ChatClient;
import io.leadline.chat.DaggerChatComponent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One chat turn of website-lead, warm and in-process: the real chat function (its Dagger graph, the
 * local raw AES keyring) handling an API Gateway event, with DynamoDB answered from memory by
 * {@link InMemoryDynamoDb} (the SDK's marshalling, signing and unmarshalling stay in the measured path).
 * Each invocation replays the same turn against the same stored state, restored outside the timing.
 * {@code phone} is the turn that captures the lead: subject key, encryption, blind indexes, consent proof.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChatTurnBenchmark {

    @Param({"start", "choice", "consent", "name", "email", "phone"})
    public String turn;

    private WarmPlatform warm;
    private ChatApi api;
    private WarmPlatform.Replay replay;

    @Setup(Level.Trial)
    public void setUp() {
        WarmPlatform.discardStdout();
        warm = new WarmPlatform();
        api = DaggerChatComponent.factory().create(warm.config, warm.platform).api();
        WarmPlatform.Recorder recorder = new WarmPlatform.Recorder(api);
        ChatClient chat = new ChatClient(recorder);
        // A few visitors first, so the tables are not empty and the graph has run every path once.
        for (int i = 0; i < 20; i++) {
            chat.leaveLead(WarmPlatform.visitorName(i), "khach" + i + "@example.vn", String.format("09%08d", 10_000_000 + i));
        }
        if (warm.dynamo.size(warm.config.tables().leads()) < 20) {
            throw new IllegalStateException("the first visitors left no leads");
        }
        var before = warm.dynamo.snapshot();
        ChatClient.Response started = chat.start("website-lead", "en");
        if (turn.equals("start")) {
            replay = checked(new WarmPlatform.Replay(recorder.last(), before), "choice");
            return;
        }
        String id = started.body().path("conversationId").asText();
        String token = started.body().path("token").asText();
        String[] turns = {"choice", "consent", "name", "email", "phone"};
        String[] next = {"consent", "name", "email", "phone", "end"};
        for (int i = 0; i < turns.length; i++) {
            before = warm.dynamo.snapshot();
            ChatClient.Response r = switch (turns[i]) {
                case "choice" -> chat.choice(id, token, "demo");
                case "consent" -> chat.consent(id, token, "contact", true);
                case "name" -> chat.text(id, token, "Nguyễn Thị Minh Khai");
                case "email" -> chat.text(id, token, "minh.khai@example.vn");
                default -> chat.text(id, token, "0912 345 678");
            };
            if (turns[i].equals(turn)) {
                expect(r, next[i]);
                replay = checked(new WarmPlatform.Replay(recorder.last(), before), next[i]);
                return;
            }
        }
        throw new IllegalArgumentException("no turn " + turn);
    }

    /** Replays the turn twice from its stored state, as the benchmark will, and checks where it leads. */
    private WarmPlatform.Replay checked(WarmPlatform.Replay r, String expectedPrompt) {
        for (int i = 0; i < 2; i++) {
            warm.dynamo.resetCalls();
            warm.dynamo.restore(r.before());
            APIGatewayV2HTTPResponse response = api.apply(r.event());
            expect(response.getStatusCode(), WarmPlatform.body(response), expectedPrompt);
        }
        System.err.println("DynamoDB calls per " + turn + " turn: " + warm.dynamo.calls());
        return r;
    }

    private static void expect(ChatClient.Response r, String prompt) {
        expect(r.status(), r.body(), prompt);
    }

    private static void expect(int status, JsonNode body, String prompt) {
        String type = body.path("prompt").path("type").asText();
        if (status >= 300 || !prompt.equals(type)) {
            throw new IllegalStateException("expected the " + prompt + " prompt, got " + status + " " + body);
        }
    }

    @Setup(Level.Invocation)
    public void restore() {
        warm.dynamo.restore(replay.before());
    }

    @Benchmark
    public APIGatewayV2HTTPResponse chatTurn() {
        return WarmPlatform.ok(api.apply(replay.event()));
    }
}
