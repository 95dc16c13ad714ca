package io.leadline.testing;

import dagger.BindsInstance;
import dagger.Component;
import io.leadline.analytics.FunnelCounters;
import io.leadline.analytics.FunnelEvents;
import io.leadline.analytics.FunnelReport;
import io.leadline.audit.AuditLog;
import io.leadline.config.LeadlineConfig;
import io.leadline.consent.ConsentLedger;
import io.leadline.conversations.ConversationRepository;
import io.leadline.crypto.BlindIndex;
import io.leadline.crypto.KeyStore;
import io.leadline.crypto.PersonalDataCipher;
import io.leadline.crypto.SubjectKeys;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.leads.LeadActivity;
import io.leadline.leads.LeadCapture;
import io.leadline.leads.LeadRepository;
import io.leadline.privacy.DataSubjects;
import io.leadline.retention.RetentionSweeper;
import io.leadline.storage.Storage;
import jakarta.inject.Singleton;

/** The shared object graph as tests see it. */
@Singleton
@Component(modules = SharedModule.class)
public interface SharedTestComponent {

    Storage storage();

    AuditLog audit();

    RetentionSweeper sweeper();

    LeadRepository leads();

    LeadCapture leadCapture();

    LeadActivity leadActivity();

    ConversationRepository conversations();

    ConsentLedger ledger();

    SubjectKeys subjectKeys();

    KeyStore keyStore();

    BlindIndex blindIndex();

    PersonalDataCipher cipher();

    DataSubjects dataSubjects();

    FunnelEvents funnelEvents();

    FunnelCounters funnelCounters();

    FunnelReport funnelReport();

    @Component.Factory
    interface Factory {
        SharedTestComponent create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform);
    }

    static SharedTestComponent of(TestEnvironment env) {
        return DaggerSharedTestComponent.factory().create(env.config, env.platform);
    }
}
