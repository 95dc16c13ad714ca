package io.leadline.leadsapi;

import io.leadline.http.HttpApi;
import io.leadline.http.HttpResponses;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The sales console's API (HTTP API payload 2.0, behind the Cognito JWT authorizer). */
@Singleton
public final class LeadsApi extends HttpApi {

    @Inject
    public LeadsApi(HttpResponses responses, PrivacyRoutes privacy) {
        super(responses);
        route(LeadsApiRoutes.PRIVACY_EXPORT, privacy::export);
        route(LeadsApiRoutes.PRIVACY_ERASE, privacy::erase);
    }
}
