package io.leadline.chat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadline.http.Priming;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Spring Cloud Function's entry (handler {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker},
 * {@code MAIN_CLASS} this class). Spring's part stays at the edge: one functional registration of
 * the Dagger-built function, no component scan, no auto-configured beans of ours.
 */
@SpringBootConfiguration
public class ChatFunctionInitializer implements ApplicationContextInitializer<GenericApplicationContext> {

    public static final String FUNCTION_NAME = "chat";

    @Override
    public void initialize(GenericApplicationContext context) {
        ChatComponent graph = ChatComponent.fromEnvironment();
        ChatApi api = graph.api();
        // A bean, so the context holds it: CRaC keeps registered resources only weakly.
        context.registerBean("chatPriming", Priming.class, () -> graph.priming().priming().register(System.getenv()));
        context.registerBean(FUNCTION_NAME, FunctionRegistration.class, () -> new FunctionRegistration<>(api, FUNCTION_NAME)
                .type(FunctionTypeUtils.functionType(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class)));
    }
}
