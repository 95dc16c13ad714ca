package io.leadline.chat;

import dagger.Module;
import dagger.Provides;
import io.leadline.flows.FlowCatalog;
import io.leadline.flows.FlowEngine;
import io.leadline.flows.FlowLoader;
import io.leadline.flows.SystemMessages;
import io.leadline.privacy.ContactNormalizer;
import jakarta.inject.Singleton;

/** The flow side of the chat function: flows read once at start-up, and the engine. */
@Module
public final class ChatModule {

    private ChatModule() {
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
