package io.leadline.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the local product runs. Flags win over environment variables, which win over defaults.
 *
 * @param host    interface to bind; loopback by default, so the local product is not on the network
 * @param dataDir DynamoDB Local's database and the local root key; kept across restarts, git-ignored
 * @param webDir  the widget, demo page and console
 * @param dynamoDbEndpoint a DynamoDB Local already running in its own process; empty (the default): one
 *                         embedded in this process, its database a file in {@code dataDir}
 */
public record LocalOptions(String host, int port, Path dataDir, Path webDir, Set<String> chatOrigins,
                           java.time.Duration sweepInterval, boolean chatRateLimits,
                           Optional<URI> dynamoDbEndpoint) {

    /** Locally the retention sweep runs every minute (hourly in AWS): expired data goes quickly here too. */
    static final java.time.Duration DEFAULT_SWEEP = java.time.Duration.ofMinutes(1);

    public LocalOptions(String host, int port, Path dataDir, Path webDir, Set<String> chatOrigins) {
        this(host, port, dataDir, webDir, chatOrigins, DEFAULT_SWEEP);
    }

    public LocalOptions(String host, int port, Path dataDir, Path webDir, Set<String> chatOrigins,
                        java.time.Duration sweepInterval) {
        this(host, port, dataDir, webDir, chatOrigins, sweepInterval, true, Optional.empty());
    }

    /** The same product without the chat API's rate limits: for a load run from one address. */
    public LocalOptions withoutChatRateLimits() {
        return new LocalOptions(host, port, dataDir, webDir, chatOrigins, sweepInterval, false, dynamoDbEndpoint);
    }

    /** The same product on a DynamoDB Local that runs in a process of its own at {@code endpoint}. */
    public LocalOptions withDynamoDbAt(URI endpoint) {
        return new LocalOptions(host, port, dataDir, webDir, chatOrigins, sweepInterval, chatRateLimits,
                Optional.of(endpoint));
    }

    public static LocalOptions parse(String[] args, Map<String, String> env) {
        String host = env.getOrDefault("LEADLINE_HOST", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("LEADLINE_PORT", "8080"));
        Path data = Path.of(env.getOrDefault("LEADLINE_DATA_DIR", ".leadline-data"));
        Path web = Path.of(env.getOrDefault("LEADLINE_WEB_DIR", "web"));
        Set<String> chatOrigins = Set.of(env.getOrDefault("LEADLINE_CHAT_ORIGINS", "*").split(","));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--host" -> host = require(a, value);
                case "--port" -> port = Integer.parseInt(require(a, value));
                case "--data" -> data = Path.of(require(a, value));
                case "--web" -> web = Path.of(require(a, value));
                case "--help", "-h" -> throw new UsageException();
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
            i++;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535");
        }
        java.time.Duration sweep = env.containsKey("LEADLINE_SWEEP_INTERVAL")
                ? java.time.Duration.parse(env.get("LEADLINE_SWEEP_INTERVAL")) : DEFAULT_SWEEP;
        // A load generator on this machine is one client address: it may switch the limits off.
        boolean limits = !"off".equals(env.getOrDefault("LEADLINE_CHAT_RATE_LIMITS", "on"));
        Optional<URI> dynamo = Optional.ofNullable(env.get("LEADLINE_DYNAMODB_ENDPOINT")).map(URI::create);
        return new LocalOptions(host, port, data, web, chatOrigins, sweep, limits, dynamo);
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    static final String USAGE = """
            Usage: leadline-local [--port 8080] [--host 127.0.0.1] [--data .leadline-data] [--web web]
              Runs Leadline on this machine: DynamoDB Local (data in --data, kept across restarts),
              a local key (made on first start, mode 0600), the chat API and the web pages.
              Environment: LEADLINE_PORT, LEADLINE_HOST, LEADLINE_DATA_DIR, LEADLINE_WEB_DIR,
              LEADLINE_CHAT_ORIGINS (origins allowed to embed the widget; default *),
              LEADLINE_SWEEP_INTERVAL (how often expired data is swept; default PT1M),
              LEADLINE_CHAT_RATE_LIMITS (off for a load run from this machine; default on),
              LEADLINE_DYNAMODB_ENDPOINT (a DynamoDB Local running in its own process, e.g.
              http://127.0.0.1:8000; default: one embedded in this process, on a file in --data).""";

    static final class UsageException extends RuntimeException {
        UsageException() {
            super(USAGE, null, false, false);
        }
    }
}
