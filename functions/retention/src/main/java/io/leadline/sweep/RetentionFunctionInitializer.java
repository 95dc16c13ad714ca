package io.leadline.sweep;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

import java.util.Map;

/** Spring Cloud Function's entry for the scheduled sweep. */
@SpringBootConfiguration
public class RetentionFunctionInitializer implements ApplicationContextInitializer<GenericApplicationContext> {

    public static final String FUNCTION_NAME = "retentionSweep";

    @Override
    public void initialize(GenericApplicationContext context) {
        RetentionSweepFunction function = RetentionComponent.fromEnvironment().function();
        context.registerBean(FUNCTION_NAME, FunctionRegistration.class, () -> new FunctionRegistration<>(function, FUNCTION_NAME)
                .type(FunctionTypeUtils.functionType(Map.class, Map.class)));
    }
}
