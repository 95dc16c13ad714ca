package io.leadline.crypto;

import io.leadline.di.Deferred;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CreateAwsKmsKeyringInput;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

import java.nio.ByteBuffer;

/** Makes the keyrings Leadline uses, from the Material Providers library. */
@Singleton
public final class Keyrings {

    @Inject
    public Keyrings() {
    }

    static final String NAMESPACE = "leadline";

    private final Deferred<MaterialProviders> materialProviders = Deferred.of(() -> MaterialProviders.builder()
            .MaterialProvidersConfig(MaterialProvidersConfig.builder().build())
            .build());

    /** The root keyring in AWS: the customer managed KMS key named by the template. */
    public IKeyring kms(KmsClient kms, String keyId) {
        return materialProviders.get().CreateAwsKmsKeyring(CreateAwsKmsKeyringInput.builder()
                .kmsClient(kms)
                .kmsKeyId(keyId)
                .build());
    }

    /** A raw AES-256 keyring: the local root key, a key-encryption key, or a data subject's key. */
    public IKeyring rawAes(String keyName, byte[] key) {
        return materialProviders.get().CreateRawAesKeyring(CreateRawAesKeyringInput.builder()
                .keyNamespace(NAMESPACE)
                .keyName(keyName)
                .wrappingKey(ByteBuffer.wrap(key.clone()))
                .wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16)
                .build());
    }
}
