package io.leadline.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;

/** Something only the local product serves: the sign-in stand-in, its JWKS, the console's settings. */
public interface LocalEndpoint {

    String method();

    String path();

    void handle(HttpExchange exchange) throws IOException;

    /** The body of an exchange handler. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    static LocalEndpoint of(String method, String path, Handler handler) {
        return new LocalEndpoint() {
            public String method() {
                return method;
            }

            public String path() {
                return path;
            }

            public void handle(HttpExchange exchange) throws IOException {
                handler.handle(exchange);
            }
        };
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
