package io.leadline.chat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.http.ApiException;
import io.leadline.http.HttpApi;
import io.leadline.http.HttpRequest;
import io.leadline.http.HttpResponses;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The public chat API (HTTP API payload 2.0). Thin: parse, call the service, answer. */
@Singleton
public final class ChatApi extends HttpApi {

    private final ConversationService service;
    private final ChatRequests requests;
    private final ChatTokens tokens;

    @Inject
    public ChatApi(HttpResponses responses, ConversationService service, ChatRequests requests, ChatTokens tokens) {
        super(responses);
        this.service = service;
        this.requests = requests;
        this.tokens = tokens;
        route(ChatRoutes.START, this::start);
        route(ChatRoutes.MESSAGE, this::message);
        route(ChatRoutes.RESUME, this::resume);
        route(ChatRoutes.ERASE, this::erase);
        route(ChatRoutes.RECEIPT, this::receipt);
    }

    private APIGatewayV2HTTPResponse receipt(HttpRequest request) {
        String token = tokens.from(request);
        return responses.json(200, service.receipt(conversationId(request), token));
    }

    private APIGatewayV2HTTPResponse start(HttpRequest request) {
        ConversationService.Started started = service.start(requests.start(request));
        ObjectNode body = started.reply();
        body.put("conversationId", started.conversation().id());
        body.put("token", started.token());
        body.put("flowId", started.conversation().flowId());
        body.put("locale", started.conversation().locale());
        return responses.json(201, body);
    }

    private APIGatewayV2HTTPResponse message(HttpRequest request) {
        String token = tokens.from(request);
        ChatRequests.Message message = requests.message(request);
        return responses.rawJson(200, service.post(conversationId(request), token, message, request.requestId()));
    }

    private APIGatewayV2HTTPResponse resume(HttpRequest request) {
        String token = tokens.from(request);
        return responses.json(200, service.resume(conversationId(request), token));
    }

    private APIGatewayV2HTTPResponse erase(HttpRequest request) {
        String token = tokens.from(request);
        service.erase(conversationId(request), token, request.requestId());
        return responses.noContent();
    }

    private static String conversationId(HttpRequest request) {
        return request.pathParameter("id").orElseThrow(() -> ApiException.notFound("no such conversation"));
    }
}
