package io.leadline.bench.warm;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.storage.TableSpecs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;


/**
 * A warm function's surroundings without storage: the configuration a deployed function reads
 * (local raw AES keyring instead of KMS), and {@link Platform#aws} exactly as in AWS except that its
 * HTTP client is {@link InMemoryDynamoDb}. Chat and leads API built on one of these share its tables.
 */
public final class WarmPlatform {

    public final LeadlineConfig config;
    public final InMemoryDynamoDb dynamo;
    public final Platform platform;
    public final Path directory;

    public WarmPlatform() {
        try {
            directory = Files.createTempDirectory("leadline-warm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // What Lambda puts in the environment; the credentials only sign requests nobody checks.
        System.setProperty("aws.accessKeyId", "AKIDWARMBENCH");
        System.setProperty("aws.secretAccessKey", "warm-bench-secret");
        config = LeadlineConfig.from(Map.of(
                "LEADLINE_KEYRING", "local",
                "LEADLINE_LOCAL_KEY_FILE", directory.resolve("local-root.key").toString(),
                "LEADLINE_REVEAL_ALERT_PER_HOUR", "1000000"));
        dynamo = new InMemoryDynamoDb(TableSpecs.all(config.tables()));
        platform = Platform.aws(config, dynamo);
    }

    /**
     * Metrics go to stdout as one EMF line each (Lambda ships stdout to CloudWatch). The line is still
     * built; writing it to JMH's forwarded console would measure the console, so it is dropped here.
     */
    public static void discardStdout() {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    }

    /** A distinct name the flow's name validator accepts (letters only: it refuses digits). */
    public static String visitorName(int i) {
        return "Khách Hàng " + (char) ('A' + i % 26) + (char) ('a' + i / 26 % 26) + "ng";
    }

    /** A function that remembers the last event it was given, so a benchmark can replay exactly that event. */
    public static final class Recorder implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function;
        private APIGatewayV2HTTPEvent last;

        public Recorder(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function) {
            this.function = function;
        }

        @Override
        public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
            last = event;
            return function.apply(event);
        }

        public APIGatewayV2HTTPEvent last() {
            return last;
        }
    }

    /** One request replayed against the same stored state: the state is put back before each call. */
    public record Replay(APIGatewayV2HTTPEvent event, Map<String, NavigableMap<InMemoryDynamoDb.ItemKey, ObjectNode>> before) {
    }

    /** A response's JSON body, for set-up checks (never in the measured path). */
    public static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return new ObjectMapper().readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails a benchmark whose request stopped succeeding (a stand-in that drifted from DynamoDB would). */
    public static APIGatewayV2HTTPResponse ok(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() >= 300) {
            throw new IllegalStateException("HTTP " + response.getStatusCode() + ": " + response.getBody());
        }
        return response;
    }
}
