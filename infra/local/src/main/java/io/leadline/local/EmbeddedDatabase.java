package io.leadline.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DynamoDB Local embedded in this process on one SQLite file, telemetry off (nothing leaves this
 * machine). Its shutdown only asks SQLite's worker thread to stop; {@link #close} waits for that thread,
 * so the file can be opened again at once (a restart in the same process, as the tests do).
 */
final class EmbeddedDatabase implements AutoCloseable {

    private final AmazonDynamoDBLocal local;
    private final List<Thread> workers;

    private EmbeddedDatabase(AmazonDynamoDBLocal local, List<Thread> workers) {
        this.local = local;
        this.workers = workers;
    }

    static EmbeddedDatabase open(Path file) {
        String worker = "SQLiteQueue[" + file.getFileName() + "]";
        Set<Thread> before = workers(worker);
        AmazonDynamoDBLocal local;
        try {
            local = DynamoDBEmbedded.create(file.toFile(), true);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("database is locked") || message.contains("already in use")) {
                throw new IllegalArgumentException("the data folder " + file.getParent()
                        + " is in use by another running Leadline; stop it, or pass --data with another folder");
            }
            throw e;
        }
        Set<Thread> ours = workers(worker);
        ours.removeAll(before);
        return new EmbeddedDatabase(local, List.copyOf(ours));
    }

    DynamoDbClient client() {
        return local.dynamoDbClient();
    }

    @Override
    public void close() {
        local.shutdown();
        for (Thread t : workers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Set<Thread> workers(String name) {
        Set<Thread> out = new HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> {
            if (t.getName().equals(name)) {
                out.add(t);
            }
        });
        return out;
    }
}
