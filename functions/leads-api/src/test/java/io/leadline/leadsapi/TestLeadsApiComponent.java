package io.leadline.leadsapi;

import dagger.BindsInstance;
import dagger.Component;
import io.leadline.audit.AuditLog;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.flows.FlowsModule;
import io.leadline.users.UserDirectory;
import io.leadline.leads.LeadCapture;
import io.leadline.leads.LeadRepository;
import jakarta.inject.Singleton;

/** The console API's graph, with the doors tests look through. */
@Singleton
@Component(modules = {SharedModule.class, FlowsModule.class})
interface TestLeadsApiComponent {

    LeadsApi api();

    LeadRepository leads();

    LeadCapture leadCapture();

    AuditLog audit();

    @Component.Factory
    interface Factory {
        TestLeadsApiComponent create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform,
                                     @BindsInstance UserDirectory users);
    }
}
