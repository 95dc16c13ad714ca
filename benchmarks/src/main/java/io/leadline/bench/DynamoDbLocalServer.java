package io.leadline.bench;

import io.leadline.testing.LoopbackDynamoDb;

import java.nio.file.Path;

/**
 * DynamoDB Local on 127.0.0.1 in a JVM of its own, for benchmarks that want it out of the measured
 * process: {@code DynamoDbLocalServer [directory]} (on a SQLite file in the directory; in memory without
 * one). Prints {@code port <n>} once it listens and stops when its standard input closes (its parent
 * went away or is done with it).
 */
public final class DynamoDbLocalServer {

    private DynamoDbLocalServer() {
    }

    public static void main(String[] args) throws Exception {
        try (LoopbackDynamoDb server = LoopbackDynamoDb.start(args.length > 0 ? Path.of(args[0]) : null)) {
            System.out.println("port " + server.endpoint().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
        System.exit(0);
    }
}
