package io.leadline.funnel;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/** Spring Cloud Function's entry for the funnel counter: one functional registration, no scanning. */
@SpringBootConfiguration
public class FunnelFunctionInitializer implements ApplicationContextInitializer<GenericApplicationContext> {

    public static final String FUNCTION_NAME = "funnelCounter";

    @Override
    public void initialize(GenericApplicationContext context) {
        FunnelStreamFunction function = FunnelComponent.fromEnvironment().function();
        context.registerBean(FUNCTION_NAME, FunctionRegistration.class, () -> new FunctionRegistration<>(function, FUNCTION_NAME)
                .type(FunctionTypeUtils.functionType(DynamodbEvent.class, StreamsEventResponse.class)));
    }
}
