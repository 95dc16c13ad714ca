package io.leadline.leadsapi;

import dagger.BindsInstance;
import dagger.Component;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import jakarta.inject.Singleton;

/** The console API function's object graph. */
@Singleton
@Component(modules = SharedModule.class)
public interface LeadsApiComponent {

    LeadsApi api();

    @Component.Factory
    interface Factory {
        LeadsApiComponent create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform);
    }

    static LeadsApiComponent fromEnvironment() {
        LeadlineConfig config = LeadlineConfig.fromEnvironment();
        return DaggerLeadsApiComponent.factory().create(config, Platform.aws(config));
    }
}
