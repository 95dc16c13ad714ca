package io.leadline.testing;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/**
 * DynamoDB Local as a network service on 127.0.0.1 only (its own runner binds every interface), so
 * tests can exercise the real SDK HTTP path: endpoint override, interceptors, timeouts.
 */
public final class LoopbackDynamoDb implements AutoCloseable {

    private final Server server;
    private final int port;

    private LoopbackDynamoDb(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** In memory. */
    public static LoopbackDynamoDb start() {
        return start(null);
    }

    /** On a SQLite file (shared-db.db) in {@code directory}; in memory when it is null. */
    public static LoopbackDynamoDb start(java.nio.file.Path directory) {
        try {
            var requests = new LocalDynamoDBRequestHandler(0, directory == null,
                    directory == null ? null : directory.toString(), true, false);
            var handler = new LocalDynamoDBServerHandler(requests, null);
            var collection = new DynamoDBProxyServer(0, handler).setUpHandler(handler);
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(collection);
            server.start();
            return new LoopbackDynamoDb(server, connector.getLocalPort());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start DynamoDB Local on loopback", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client over HTTP, as a function in AWS would have (static test credentials). */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.AP_SOUTHEAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
