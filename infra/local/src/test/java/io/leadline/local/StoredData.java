package io.leadline.local;

import dagger.BindsInstance;
import dagger.Component;
import io.leadline.config.LeadlineConfig;
import io.leadline.crypto.SubjectKeys;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.leads.Lead;
import io.leadline.leads.LeadCapture;
import io.leadline.leads.LeadRepository;
import io.leadline.privacy.PersonalFields;
import io.leadline.storage.Ids;
import io.leadline.storage.Storage;
import io.leadline.storage.Transaction;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Tests look at (and seed) what the local product stores through the same shared graph the functions use. */
@Singleton
@Component(modules = SharedModule.class)
interface StoredData {

    LeadCapture leadCapture();

    LeadRepository leads();

    Storage storage();

    SubjectKeys subjectKeys();

    Ids ids();

    @Component.Factory
    interface Factory {
        StoredData create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform);
    }

    static StoredData of(LocalProduct product) {
        return DaggerStoredData.factory().create(product.config(), product.platform());
    }

    /**
     * A lead as capture would store it, with whatever contact data a test needs (for example a name
     * that is an HTML payload, which the flow's validators would refuse at the door).
     */
    default Lead seedLead(Map<String, String> contact, Map<String, String> answers) {
        String subject = ids().newId();
        subjectKeys().create(subject, Instant.now().plus(Duration.ofDays(181)).getEpochSecond());
        Transaction tx = storage().begin();
        Lead lead = leadCapture().stage(tx, new LeadCapture.Request("seeded-" + ids().newId(), subject,
                Map.of("contact", PersonalFields.of(contact)), answers, Map.of("contact", Duration.ofDays(180)),
                "website-lead", 1, "en", "seed", false)).lead();
        tx.commit();
        return lead;
    }
}
