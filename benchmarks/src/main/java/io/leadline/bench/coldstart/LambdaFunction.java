package io.leadline.bench.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadline.local.ChatLoad;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The four functions as template.yaml deploys them: the deployment package, the plain handler, the
 * Spring Cloud Function entry, and what a caller sends them.
 */
enum LambdaFunction {

    CHAT("chat", "io.leadline.chat.ChatHandler", "io.leadline.chat.ChatFunctionInitializer", "chat", Map.of()) {
        @Override
        Script script() {
            return new ChatVisitor();
        }
    },
    LEADS_API("leads-api", "io.leadline.leadsapi.LeadsApiHandler", "io.leadline.leadsapi.LeadsApiFunctionInitializer",
            "leadsApi", Map.of("LEADLINE_USER_POOL_ID", "ap-southeast-1_bench")) {
        @Override
        Script script() {
            // A manager opening the console: the first page of leads.
            return (previous, step) -> LambdaEvents.http("GET", "GET /api/leads", "/api/leads", null, "jwt",
                    Map.of("sub", "6f1c2a7e-1d2b-4c3d-9e8f-0a1b2c3d4e5f", "cognito:username", "manager",
                            "cognito:groups", "[sales-manager]", "token_use", "id"));
        }
    },
    RETENTION("retention", "io.leadline.sweep.RetentionHandler", "io.leadline.sweep.RetentionFunctionInitializer",
            "retentionSweep", Map.of()) {
        @Override
        Script script() {
            return (previous, step) -> LambdaEvents.schedule();
        }
    },
    FUNNEL("funnel-analytics", "io.leadline.funnel.FunnelHandler", "io.leadline.funnel.FunnelFunctionInitializer",
            "funnelCounter", Map.of()) {
        @Override
        Script script() {
            AtomicInteger sequence = new AtomicInteger();
            return (previous, step) -> LambdaEvents.streamInsert(sequence.incrementAndGet());
        }
    };

    static final String SPRING_INVOKER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

    final String module;
    final String plainHandler;
    final String springMainClass;
    final String springDefinition;
    final Map<String, String> environment;

    LambdaFunction(String module, String plainHandler, String springMainClass, String springDefinition,
                   Map<String, String> environment) {
        this.module = module;
        this.plainHandler = plainHandler;
        this.springMainClass = springMainClass;
        this.springDefinition = springDefinition;
        this.environment = environment;
    }

    /** What callers send, one event after another; each may depend on the previous answer. */
    abstract Script script();

    /** The next event to send, given the previous answer (null before the first) and the step (0 first). */
    @FunctionalInterface
    interface Script {
        String next(String previousAnswer, int step);
    }

    /**
     * A visitor going through website-lead to a lead, again and again, with the load test's script
     * ({@link ChatLoad}): start, then choice, consent, name, e-mail, phone. The phone answer captures
     * the lead: the first one in a container is where the key-encryption key comes from KMS.
     */
    static final class ChatVisitor implements Script {
        private static final AtomicInteger VISITORS = new AtomicInteger();
        private String conversation;
        private String token;
        private List<String> answers;

        @Override
        public String next(String previousAnswer, int step) {
            int turn = step % 6;
            if (turn == 0) {
                answers = ChatLoad.answers(VISITORS.incrementAndGet());
                return LambdaEvents.http("POST", "POST /chat/conversations", "/chat/conversations",
                        ChatLoad.startBody("bench"), null, null);
            }
            if (turn == 1) {
                JsonNode started = LambdaEvents.body(previousAnswer);
                conversation = started.path("conversationId").asText();
                token = started.path("token").asText();
            }
            String path = "/chat/conversations/" + conversation + "/messages";
            return LambdaEvents.http("POST", "POST /chat/conversations/{id}/messages", path, answers.get(turn - 1), token, null);
        }
    }
}
