package io.leadline.leadsapi;

import dagger.BindsInstance;
import dagger.Component;
import io.leadline.analytics.FunnelCounters;
import io.leadline.analytics.FunnelEvents;
import io.leadline.audit.AuditLog;
import io.leadline.config.LeadlineConfig;
import io.leadline.crypto.SubjectKeys;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.flows.FlowsModule;
import io.leadline.leads.LeadCapture;
import io.leadline.leads.LeadNotes;
import io.leadline.leads.LeadRepository;
import io.leadline.storage.Ids;
import io.leadline.storage.Storage;
import io.leadline.users.UserDirectory;
import jakarta.inject.Singleton;

/** The console API's graph, with the doors tests look (and seed) through. */
@Singleton
@Component(modules = {SharedModule.class, FlowsModule.class})
interface TestLeadsApiComponent {

    LeadsApi api();

    LeadsApiPriming priming();

    LeadRepository leads();

    LeadCapture leadCapture();

    LeadNotes notes();

    AuditLog audit();

    SubjectKeys subjectKeys();

    Storage storage();

    Ids ids();

    FunnelEvents funnelEvents();

    FunnelCounters funnelCounters();

    @Component.Factory
    interface Factory {
        TestLeadsApiComponent create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform,
                                     @BindsInstance UserDirectory users);
    }
}
