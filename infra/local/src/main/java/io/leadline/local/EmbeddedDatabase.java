package io.leadline.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DynamoDB Local embedded in this process on one SQLite file, telemetry off (nothing leaves this
 * machine). A lock file keeps a second Leadline off the same data folder (SQLite alone would let two
 * processes interleave writes). DynamoDB Local's shutdown only asks SQLite's worker thread to stop;
 * {@link #close} waits for that thread, so the file can be opened again at once (a restart in the same
 * process, as the tests do).
 */
final class EmbeddedDatabase implements LocalDatabase {

    /**
     * DynamoDB Local's stream code (SDK v1) warns on first use that JAXB is missing and it falls back
     * to its own Base64: true and harmless. Held here because JUL keeps only weak references to loggers.
     */
    private static final java.util.logging.Logger JAXB_NOTICE = quiet("com.amazonaws.util.Base64");

    private final AmazonDynamoDBLocal local;
    private final List<Thread> workers;
    private final FileChannel lockFile;

    private EmbeddedDatabase(AmazonDynamoDBLocal local, List<Thread> workers, FileChannel lockFile) {
        this.local = local;
        this.workers = workers;
        this.lockFile = lockFile;
    }

    static EmbeddedDatabase open(Path file) {
        FileChannel lockFile = lock(file.resolveSibling(".lock"));
        try {
            String worker = "SQLiteQueue[" + file.getFileName() + "]";
            Set<Thread> before = workers(worker);
            AmazonDynamoDBLocal local = DynamoDBEmbedded.create(file.toFile(), true);
            Set<Thread> ours = workers(worker);
            ours.removeAll(before);
            return new EmbeddedDatabase(local, List.copyOf(ours), lockFile);
        } catch (RuntimeException e) {
            closeQuietly(lockFile);
            throw e;
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    private static FileChannel lock(Path path) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException held) {
            // held by this process
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the data folder " + path.getParent(), e);
        }
        closeQuietly(channel);
        throw new IllegalArgumentException("the data folder " + path.getParent()
                + " is in use by another running Leadline; stop it, or pass --data with another folder");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing to release
        }
    }

    @Override
    public DynamoDbClient client() {
        return local.dynamoDbClient();
    }

    @Override
    public DynamoDbStreamsClient streams() {
        return local.dynamoDbStreamsClient();
    }

    @Override
    public void close() {
        local.shutdown();
        for (Thread t : workers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closeQuietly(lockFile);
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
