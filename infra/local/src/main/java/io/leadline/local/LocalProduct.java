package io.leadline.local;

import io.leadline.chat.ChatComponent;
import io.leadline.chat.DaggerChatComponent;
import io.leadline.funnel.DaggerFunnelComponent;
import io.leadline.config.LeadlineConfig;
import io.leadline.crypto.LocalKeyFile;
import io.leadline.di.Platform;
import io.leadline.http.HttpApi;
import io.leadline.http.HttpRoute;
import io.leadline.storage.TableProvisioner;
import io.leadline.storage.TableSpecs;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadline.leadsapi.DaggerLeadsApiComponent;
import io.leadline.leadsapi.LeadsApiComponent;
import io.leadline.local.identity.JwtAuthorizer;
import io.leadline.local.identity.LocalSignIn;
import io.leadline.local.identity.TokenKeys;
import io.leadline.local.identity.Totp;
import io.leadline.users.LocalUserDirectory;
import io.leadline.users.UserDirectory;
import io.leadline.sweep.DaggerRetentionComponent;
import io.leadline.sweep.RetentionComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole product in one process: DynamoDB Local embedded (its database a file in the data
 * folder; or one in a process of its own, {@link LocalOptions#dynamoDbEndpoint}), the raw AES keyring from a 0600 key file, the functions' own code wired by their own
 * Dagger components, and the gateway in front.
 */
public final class LocalProduct implements AutoCloseable {

    private final LocalOptions options;
    private final LocalDatabase database;
    private final LeadlineConfig config;
    private static final Logger log = LoggerFactory.getLogger(LocalProduct.class);
    /** Lambda polls a stream about four times a second; locally twice is quick enough to watch. */
    static final java.time.Duration FUNNEL_POLL = java.time.Duration.ofMillis(500);

    private final LocalGateway gateway;
    private final Platform platform;
    private final ScheduledExecutorService timer;
    private final LocalUserDirectory users;
    private final Optional<FirstAdmin> firstAdmin;
    private final StreamPoller funnelStream;

    private LocalProduct(LocalOptions options, LocalDatabase database, LeadlineConfig config,
                         LocalGateway gateway, Platform platform, ScheduledExecutorService timer,
                         LocalUserDirectory users, Optional<FirstAdmin> firstAdmin, StreamPoller funnelStream) {
        this.options = options;
        this.database = database;
        this.config = config;
        this.gateway = gateway;
        this.platform = platform;
        this.timer = timer;
        this.users = users;
        this.firstAdmin = firstAdmin;
        this.funnelStream = funnelStream;
    }

    /** Present on the first start only: the administrator account made then. */
    public Optional<FirstAdmin> firstAdmin() {
        return firstAdmin;
    }

    /** Console users (for operators' tools and tests). */
    public LocalUserDirectory users() {
        return users;
    }

    public static LocalProduct start(LocalOptions options) throws IOException {
        if (!Files.isDirectory(options.webDir())) {
            throw new IllegalArgumentException("web folder not found: " + options.webDir().toAbsolutePath()
                    + " (run from the repository root, or pass --web)");
        }
        Path data = ownerOnlyDirectory(options.dataDir());
        LocalDatabase database = options.dynamoDbEndpoint().<LocalDatabase>map(RemoteDatabase::new)
                .orElseGet(() -> EmbeddedDatabase.open(data.resolve("dynamodb.db")));
        DynamoDbClient dynamo = database.client();
        Path rootKey = data.resolve("local-root.key");
        LeadlineConfig config = LeadlineConfig.from(Map.of(
                "LEADLINE_KEYRING", "local",
                "LEADLINE_LOCAL_KEY_FILE", rootKey.toString(),
                "AWS_REGION", "local"));
        new TableProvisioner(dynamo).ensure(TableSpecs.all(config.tables()));
        Platform platform = new Platform(dynamo, () -> {
            throw new IllegalStateException("the local product uses the local keyring, not KMS");
        }, Clock.systemUTC());

        SecureRandom random = new SecureRandom();
        // The root key is made at start, beside the token-signing key, so a folder that cannot hold it fails
        // now rather than at a visitor's consent (the functions make their keyring on first use).
        LocalKeyFile.loadOrCreate(rootKey, random);
        LocalUserDirectory users = new LocalUserDirectory(data.resolve("users.json"), random, Clock.systemUTC());
        Optional<FirstAdmin> firstAdmin = Optional.empty();
        if (users.isEmpty()) {
            String totp = Totp.newSecret(random);
            UserDirectory.Created admin = users.createFirstAdmin("admin", totp);
            firstAdmin = Optional.of(new FirstAdmin(admin.user().username(), admin.temporaryPassword(), totp));
        }
        TokenKeys keys = TokenKeys.loadOrCreate(data.resolve("token-signing-key.json"));
        LocalSignIn signIn = new LocalSignIn(users, keys, random, Clock.systemUTC());
        JwtAuthorizer authorizer = new JwtAuthorizer(keys.publicKeys(), LocalSignIn.ISSUER, LocalSignIn.CLIENT_ID);

        ChatComponent chat = DaggerChatComponent.factory().create(config, platform);
        LeadsApiComponent console = DaggerLeadsApiComponent.factory().create(config, platform, users);
        List<FunctionRoute> routes = new ArrayList<>();
        addRoutes(routes, "chat", chat.api(), Optional.empty());
        addRoutes(routes, "leads-api", console.api(), Optional.of(authorizer));

        LocalGateway gateway = new LocalGateway(new InetSocketAddress(options.host(), options.port()), routes,
                localEndpoints(signIn, keys), options.webDir(), new LocalGateway.CorsPolicy(options.chatOrigins(), Set.of()));
        if (!options.chatRateLimits()) {
            gateway.withoutChatRateLimits();
        }
        gateway.start();
        // The retention function on a timer, as the EventBridge schedule runs it in AWS.
        RetentionComponent retention = DaggerRetentionComponent.factory().create(config, platform);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention-sweep");
            t.setDaemon(true);
            return t;
        });
        long every = options.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> sweep(retention), every, every, TimeUnit.MILLISECONDS);
        // The funnel counter on the events table's stream, as its event source mapping runs it in AWS.
        StreamPoller funnelStream = new StreamPoller(database.streams(), dynamo, config.tables().events(),
                DaggerFunnelComponent.factory().create(config, platform).function(), "funnel-stream");
        funnelStream.start(FUNNEL_POLL);
        return new LocalProduct(options, database, config, gateway, platform, timer, users, firstAdmin, funnelStream);
    }

    private static void sweep(RetentionComponent retention) {
        try {
            retention.function().apply(Map.of("id", "local-" + UUID.randomUUID()));
        } catch (RuntimeException e) {
            log.warn("retention sweep failed; it runs again at the next interval", e);
        }
    }

    private static void addRoutes(List<FunctionRoute> routes, String function, HttpApi api,
                                  Optional<JwtAuthorizer> authorizer) {
        for (HttpRoute route : api.routes()) {
            routes.add(new FunctionRoute(function, route, api, authorizer));
        }
    }

    /** The sign-in stand-in (Cognito's JSON protocol), its public keys, and where the console finds both. */
    private static List<LocalEndpoint> localEndpoints(LocalSignIn signIn, TokenKeys keys) {
        ObjectMapper json = new ObjectMapper();
        return List.of(
                LocalEndpoint.of("POST", "/local-cognito/", exchange -> {
                    try {
                        byte[] body = exchange.getRequestBody().readNBytes(64 * 1024);
                        var response = signIn.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                                body.length == 0 ? json.createObjectNode() : json.readTree(body));
                        LocalEndpoint.json(exchange, 200, response.toString());
                    } catch (LocalSignIn.CognitoError e) {
                        LocalEndpoint.json(exchange, 400, json.createObjectNode().put("__type", e.type())
                                .put("message", e.getMessage()).toString());
                    } catch (com.fasterxml.jackson.core.JacksonException e) {
                        LocalEndpoint.json(exchange, 400, "{\"__type\":\"SerializationException\",\"message\":\"not JSON\"}");
                    }
                }),
                LocalEndpoint.of("GET", "/local-cognito/.well-known/jwks.json",
                        exchange -> LocalEndpoint.json(exchange, 200, keys.publicKeys().toString())),
                LocalEndpoint.of("GET", "/console/config.json", exchange -> LocalEndpoint.json(exchange, 200,
                        json.createObjectNode()
                                .put("apiBase", "")
                                .put("mode", "local")
                                .set("cognito", json.createObjectNode()
                                        .put("endpoint", "/local-cognito/")
                                        .put("clientId", LocalSignIn.CLIENT_ID)
                                        .put("region", "local"))
                                .toString())));
    }

    /** The first administrator's credentials, made on first start and shown once. */
    public record FirstAdmin(String username, String password, String totpSecret) {
        @Override
        public String toString() {
            return "FirstAdmin[" + username + ", credentials hidden]";
        }
    }

    private static Path ownerOnlyDirectory(Path dir) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            return dir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data folder " + dir, e);
        }
    }

    public int port() {
        return gateway.port();
    }

    public String baseUrl() {
        String host = options.host().equals("0.0.0.0") ? "localhost" : options.host();
        return "http://" + (host.equals("127.0.0.1") ? "localhost" : host) + ":" + port();
    }

    public LeadlineConfig config() {
        return config;
    }

    /** The clients the functions use (for operators' tools and tests). */
    public Platform platform() {
        return platform;
    }

    public Path dataDir() {
        return options.dataDir().toAbsolutePath();
    }

    @Override
    public void close() {
        timer.shutdown();
        gateway.close();
        funnelStream.close();
        try {
            // A sweep in flight finishes before the database goes.
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
    }
}
