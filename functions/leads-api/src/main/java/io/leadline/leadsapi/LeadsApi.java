package io.leadline.leadsapi;

import io.leadline.http.HttpApi;
import io.leadline.http.HttpResponses;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The sales console's API (HTTP API payload 2.0, behind the Cognito JWT authorizer). */
@Singleton
public final class LeadsApi extends HttpApi {

    @Inject
    LeadsApi(HttpResponses responses, LeadRoutes leads, UserRoutes users, AuditRoutes audit, PrivacyRoutes privacy,
             AnalyticsRoutes analytics) {
        super(responses);
        route(LeadsApiRoutes.ME, users::me);
        route(LeadsApiRoutes.LEADS, leads::list);
        route(LeadsApiRoutes.OVERDUE, leads::overdue);
        route(LeadsApiRoutes.LEAD, leads::detail);
        route(LeadsApiRoutes.UPDATE_LEAD, leads::update);
        route(LeadsApiRoutes.ADD_NOTE, leads::addNote);
        route(LeadsApiRoutes.CLAIM, leads::claim);
        route(LeadsApiRoutes.ASSIGN, leads::assign);
        route(LeadsApiRoutes.USERS, users::list);
        route(LeadsApiRoutes.CREATE_USER, users::create);
        route(LeadsApiRoutes.DISABLE_USER, users::disable);
        route(LeadsApiRoutes.HANDOVER, users::handover);
        route(LeadsApiRoutes.AUDIT, audit::list);
        route(LeadsApiRoutes.PRIVACY_EXPORT, privacy::export);
        route(LeadsApiRoutes.PRIVACY_ERASE, privacy::erase);
        route(LeadsApiRoutes.FUNNEL, analytics::funnel);
    }
}
