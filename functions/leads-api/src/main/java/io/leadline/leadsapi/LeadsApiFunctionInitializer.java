package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.leadline.http.Priming;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/** Spring Cloud Function's entry for the console API: one functional registration, no scanning. */
@SpringBootConfiguration
public class LeadsApiFunctionInitializer implements ApplicationContextInitializer<GenericApplicationContext> {

    public static final String FUNCTION_NAME = "leadsApi";

    @Override
    public void initialize(GenericApplicationContext context) {
        LeadsApiComponent graph = LeadsApiComponent.fromEnvironment();
        LeadsApi api = graph.api();
        // A bean, so the context holds it: CRaC keeps registered resources only weakly.
        context.registerBean("leadsApiPriming", Priming.class, () -> graph.priming().priming().register(System.getenv()));
        context.registerBean(FUNCTION_NAME, FunctionRegistration.class, () -> new FunctionRegistration<>(api, FUNCTION_NAME)
                .type(FunctionTypeUtils.functionType(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class)));
    }
}
