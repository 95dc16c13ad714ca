package io.leadline.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Where the local product keeps its tables: DynamoDB Local embedded in this process (the default,
 * {@link EmbeddedDatabase}) or one already running in another process ({@link RemoteDatabase}).
 */
interface LocalDatabase extends AutoCloseable {

    DynamoDbClient client();

    DynamoDbStreamsClient streams();

    @Override
    void close();
}
