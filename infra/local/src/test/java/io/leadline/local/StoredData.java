package io.leadline.local;

import dagger.BindsInstance;
import dagger.Component;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.leads.LeadCapture;
import jakarta.inject.Singleton;

/** Tests look at what the local product stored through the same shared graph the functions use. */
@Singleton
@Component(modules = SharedModule.class)
interface StoredData {

    LeadCapture leadCapture();

    io.leadline.leads.LeadRepository leads();

    @Component.Factory
    interface Factory {
        StoredData create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform);
    }

    static StoredData of(LocalProduct product) {
        return DaggerStoredData.factory().create(product.config(), product.platform());
    }
}
