package io.leadline.di;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Module;
import dagger.Provides;
import io.leadline.audit.AuditRetention;
import io.leadline.audit.RevealWatch;
import io.leadline.config.LeadlineConfig;
import io.leadline.crypto.KeyPolicy;
import io.leadline.crypto.Keyrings;
import io.leadline.crypto.LocalKeyFile;
import io.leadline.http.JsonBodies;
import io.leadline.retention.RetentionPolicy;
import io.leadline.storage.Storage;
import io.leadline.storage.TableNames;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.cryptography.materialproviders.IKeyring;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * What the shared object graph cannot build by constructor injection: configuration values,
 * third-party objects and the keyring chosen by configuration.
 */
@Module
public final class SharedModule {

    private SharedModule() {
    }

    @Provides
    static Clock clock(Platform platform) {
        return platform.clock();
    }

    @Provides
    static TableNames tableNames(LeadlineConfig config) {
        return config.tables();
    }

    @Provides
    static RetentionPolicy retention(LeadlineConfig config) {
        return config.retention();
    }

    @Provides
    static AuditRetention auditRetention(LeadlineConfig config) {
        return new AuditRetention(config.auditRetention());
    }

    @Provides
    static LeadlineConfig.AnalyticsSettings analyticsSettings(LeadlineConfig config) {
        return config.analytics();
    }

    @Provides
    static RevealWatch.Threshold revealThreshold(LeadlineConfig config) {
        return new RevealWatch.Threshold(config.revealAlertPerHour());
    }

    @Provides
    static KeyPolicy keyPolicy() {
        return KeyPolicy.defaults();
    }

    @Provides
    @Singleton
    static SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Provides
    @Singleton
    static ObjectMapper objectMapper() {
        return JsonBodies.strictMapper();
    }

    @Provides
    @Singleton
    static Storage storage(Platform platform) {
        // No default extensions: versions and conditions are explicit in the repositories.
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(platform.dynamo())
                .extensions()
                .build();
        return new Storage(enhanced, platform.dynamo());
    }

    /** The root of the key hierarchy: KMS in AWS, a 0600 key file locally. Chosen by configuration. */
    @Provides
    @Singleton
    @Named("root")
    static IKeyring rootKeyring(LeadlineConfig config, Platform platform, Keyrings keyrings, SecureRandom random) {
        return switch (config.keyringMode()) {
            case KMS -> keyrings.kms(platform.kms().get(), config.kmsKeyId().orElseThrow());
            case LOCAL -> keyrings.rawAes("local-root",
                    LocalKeyFile.loadOrCreate(config.localKeyFile().orElseThrow(), random));
        };
    }
}
