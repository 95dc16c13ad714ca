package io.leadline.leadsapi;

import dagger.BindsInstance;
import dagger.Component;
import io.leadline.config.LeadlineConfig;
import io.leadline.di.Platform;
import io.leadline.di.SharedModule;
import io.leadline.flows.FlowsModule;
import io.leadline.users.CognitoUserDirectory;
import io.leadline.users.UserDirectory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.security.SecureRandom;

/** The console API function's object graph; the user directory comes from outside (Cognito, or local). */
@Singleton
@Component(modules = {SharedModule.class, FlowsModule.class})
public interface LeadsApiComponent {

    LeadsApi api();

    LeadsApiPriming priming();

    @Component.Factory
    interface Factory {
        LeadsApiComponent create(@BindsInstance LeadlineConfig config, @BindsInstance Platform platform,
                                 @BindsInstance UserDirectory users);
    }

    static LeadsApiComponent fromEnvironment() {
        LeadlineConfig config = LeadlineConfig.fromEnvironment();
        CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        UserDirectory users = new CognitoUserDirectory(cognito, config.userPoolId()
                .orElseThrow(() -> new IllegalStateException("LEADLINE_USER_POOL_ID is not set")), new SecureRandom());
        return DaggerLeadsApiComponent.factory().create(config, Platform.aws(config), users);
    }
}
