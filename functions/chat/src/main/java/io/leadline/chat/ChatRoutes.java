package io.leadline.chat;

import io.leadline.http.HttpRoute;

import java.util.List;

/** The public chat API's routes, exactly as template.yaml declares them. */
public final class ChatRoutes {

    public static final HttpRoute START = new HttpRoute("POST", "/chat/conversations");
    public static final HttpRoute MESSAGE = new HttpRoute("POST", "/chat/conversations/{id}/messages");
    public static final HttpRoute RESUME = new HttpRoute("GET", "/chat/conversations/{id}");
    public static final HttpRoute ERASE = new HttpRoute("DELETE", "/chat/conversations/{id}");
    public static final HttpRoute RECEIPT = new HttpRoute("GET", "/chat/conversations/{id}/consents");

    public static final List<HttpRoute> ALL = List.of(START, MESSAGE, RESUME, ERASE, RECEIPT);

    private ChatRoutes() {
    }
}
