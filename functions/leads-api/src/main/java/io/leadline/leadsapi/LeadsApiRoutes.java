package io.leadline.leadsapi;

import io.leadline.http.HttpRoute;

import java.util.List;

/** The console API's routes, exactly as template.yaml declares them (all behind the JWT authorizer). */
public final class LeadsApiRoutes {

    public static final HttpRoute ME = new HttpRoute("GET", "/api/me");
    public static final HttpRoute LEADS = new HttpRoute("GET", "/api/leads");
    public static final HttpRoute OVERDUE = new HttpRoute("GET", "/api/leads/overdue");
    public static final HttpRoute LEAD = new HttpRoute("GET", "/api/leads/{id}");
    public static final HttpRoute UPDATE_LEAD = new HttpRoute("PATCH", "/api/leads/{id}");
    public static final HttpRoute ADD_NOTE = new HttpRoute("POST", "/api/leads/{id}/notes");
    public static final HttpRoute CLAIM = new HttpRoute("POST", "/api/leads/{id}/claim");
    public static final HttpRoute ASSIGN = new HttpRoute("POST", "/api/leads/{id}/assign");
    public static final HttpRoute USERS = new HttpRoute("GET", "/api/users");
    public static final HttpRoute CREATE_USER = new HttpRoute("POST", "/api/users");
    public static final HttpRoute DISABLE_USER = new HttpRoute("POST", "/api/users/{id}/disable");
    public static final HttpRoute HANDOVER = new HttpRoute("POST", "/api/users/{id}/handover");
    public static final HttpRoute AUDIT = new HttpRoute("GET", "/api/audit");
    public static final HttpRoute PRIVACY_EXPORT = new HttpRoute("POST", "/api/privacy/export");
    public static final HttpRoute PRIVACY_ERASE = new HttpRoute("POST", "/api/privacy/erase");
    public static final HttpRoute FUNNEL = new HttpRoute("GET", "/api/analytics/funnel");

    public static final List<HttpRoute> ALL = List.of(ME, LEADS, OVERDUE, LEAD, UPDATE_LEAD, ADD_NOTE, CLAIM, ASSIGN,
            USERS, CREATE_USER, DISABLE_USER, HANDOVER, AUDIT, PRIVACY_EXPORT, PRIVACY_ERASE, FUNNEL);

    private LeadsApiRoutes() {
    }
}
