package io.leadline.sweep;

import dagger.BindsInstance;
import dagger.Component;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.retention.RetentionSweeper;
import jakarta.inject.Singleton;

/** The retention function's graph: storage and the audit log; no keys, so no KMS. */
@Singleton
@Component(modules = SharedModule.class)
public interface RetentionComponent {

    RetentionSweepFunction function();

    RetentionSweeper sweeper();

    @Component.Factory
    interface Factory {
        RetentionComponent create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform);
    }

    static RetentionComponent fromEnvironment() {
        LeadlineConfig config = LeadlineConfig.fromEnvironment();
        return DaggerRetentionComponent.factory().create(config, Platform.aws(config));
    }
}
