package io.leadline.bench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's Runtime API (2018-06-01) on loopback, as much of it as a function's runtime client uses:
 * it hands out the next event, takes the response or error, and records when the runtime first asked
 * for work (the end of the init phase, Lambda's "Init Duration").
 */
final class RuntimeApi implements AutoCloseable {

    /** What the function answered for one invocation, and when the answer arrived (System.nanoTime). */
    record Answer(String body, boolean error, long arrivedNanos) {
    }

    private record Invocation(String requestId, String event, CompletableFuture<Answer> answer) {
    }

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final ConcurrentHashMap<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();

    RuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the future completes when the function answers it. */
    CompletableFuture<Answer> invoke(String event) {
        Invocation inv = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        queue.add(inv);
        return inv.answer();
    }

    /** When the runtime first asked for an event: its init phase was over. */
    CompletableFuture<Long> initDone() {
        return firstNext;
    }

    CompletableFuture<String> initError() {
        return initError;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body = ex.getRequestBody().readAllBytes();
        long now = System.nanoTime();
        try {
            if (path.equals("invocation/next") && ex.getRequestMethod().equals("GET")) {
                firstNext.complete(now);
                Invocation inv = queue.poll(10, TimeUnit.MINUTES);
                if (inv == null) {
                    reply(ex, 500, "{}");
                    return;
                }
                inFlight.put(inv.requestId(), inv);
                ex.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", inv.requestId());
                ex.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
                ex.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:ap-southeast-1:000000000000:function:leadline-bench");
                ex.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                        "Root=1-00000000-000000000000000000000000;Sampled=0");
                ex.getResponseHeaders().add("Content-Type", "application/json");
                reply(ex, 200, inv.event());
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
                Invocation inv = inFlight.remove(id);
                reply(ex, 202, "{\"status\":\"OK\"}");
                if (inv != null) {
                    inv.answer().complete(new Answer(new String(body, StandardCharsets.UTF_8), path.endsWith("/error"), now));
                }
            } else if (path.equals("init/error")) {
                initError.complete(new String(body, StandardCharsets.UTF_8));
                reply(ex, 202, "{\"status\":\"OK\"}");
            } else {
                reply(ex, 404, "{}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(ex, 500, "{}");
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
