package io.leadline.leadsapi;

import io.leadline.http.HttpRoute;

import java.util.List;

/** The console API's routes, exactly as template.yaml declares them (all behind the JWT authorizer). */
public final class LeadsApiRoutes {

    public static final HttpRoute PRIVACY_EXPORT = new HttpRoute("POST", "/api/privacy/export");
    public static final HttpRoute PRIVACY_ERASE = new HttpRoute("POST", "/api/privacy/erase");

    public static final List<HttpRoute> ALL = List.of(PRIVACY_EXPORT, PRIVACY_ERASE);

    private LeadsApiRoutes() {
    }
}
