package io.leadline.flows;

import dagger.Module;
import dagger.Provides;
import io.leadline.privacy.ContactNormalizer;
import jakarta.inject.Singleton;

/** The flows a function runs or reads (read once at start-up), and the engine. */
@Module
public final class FlowsModule {

    private FlowsModule() {
    }

    @Provides
    @Singleton
    static FlowCatalog flowCatalog() {
        return FlowCatalog.fromClasspath(new FlowLoader());
    }

    @Provides
    @Singleton
    static FlowEngine flowEngine(ContactNormalizer contacts) {
        return new FlowEngine(new SystemMessages(), contacts);
    }
}
