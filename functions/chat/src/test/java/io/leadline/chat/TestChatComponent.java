package io.leadline.chat;

import dagger.BindsInstance;
import dagger.Component;
import io.leadline.config.LeadlineConfig;
import io.leadline.crypto.PersonalDataCipher;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.flows.FlowsModule;
import io.leadline.leads.LeadCapture;
import io.leadline.leads.LeadRepository;
import jakarta.inject.Singleton;

/** The chat function's graph with a few more doors for tests to look through. */
@Singleton
@Component(modules = {SharedModule.class, FlowsModule.class})
interface TestChatComponent {

    ChatApi api();

    ChatPriming priming();

    LeadCapture leadCapture();

    LeadRepository leads();

    PersonalDataCipher cipher();

    @Component.Factory
    interface Factory {
        TestChatComponent create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform);
    }
}
