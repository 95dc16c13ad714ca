package io.leadline.funnel;

import dagger.BindsInstance;
import dagger.Component;
import io.leadline.analytics.FunnelCounters;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import jakarta.inject.Singleton;

/** The funnel function's graph: storage only (events hold no personal data, so no keys and no KMS). */
@Singleton
@Component(modules = SharedModule.class)
public interface FunnelComponent {

    FunnelStreamFunction function();

    FunnelCounters counters();

    @Component.Factory
    interface Factory {
        FunnelComponent create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform);
    }

    static FunnelComponent fromEnvironment() {
        LeadlineConfig config = LeadlineConfig.fromEnvironment();
        return DaggerFunnelComponent.factory().create(config, Platform.aws(config));
    }
}
