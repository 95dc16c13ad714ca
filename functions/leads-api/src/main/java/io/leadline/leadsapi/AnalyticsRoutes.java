package io.leadline.leadsapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadline.analytics.FunnelCounters;
import io.leadline.analytics.FunnelEvent;
import io.leadline.analytics.FunnelFigures;
import io.leadline.analytics.FunnelReport;
import io.leadline.config.LeadlineConfig;
import io.leadline.flows.Flow;
import io.leadline.flows.FlowCatalog;
import io.leadline.flows.Node;
import io.leadline.http.ApiException;
import io.leadline.http.HttpRequest;
import io.leadline.http.HttpResponses;
import io.leadline.users.Role;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The funnel from the widget opening to the won deal, for managers and administrators. */
@Singleton
final class AnalyticsRoutes {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private final FunnelReport report;
    private final FlowCatalog flows;
    private final LeadlineConfig.AnalyticsSettings settings;
    private final HttpResponses responses;
    private final Clock clock;

    @Inject
    AnalyticsRoutes(FunnelReport report, FlowCatalog flows, LeadlineConfig.AnalyticsSettings settings,
                    HttpResponses responses, Clock clock) {
        this.report = report;
        this.flows = flows;
        this.settings = settings;
        this.responses = responses;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse funnel(HttpRequest request) {
        Caller.from(request).require(Role.SALES_MANAGER, Role.ADMIN);
        Map<String, String> q = request.queryParameters();
        LeadRoutes.known(q, Set.of("from", "to", "flow", "source"));
        LocalDate to = Optional.ofNullable(q.get("to")).map(v -> day(v, "to")).orElse(LocalDate.now(clock.withZone(settings.zone())));
        LocalDate from = Optional.ofNullable(q.get("from")).map(v -> day(v, "from")).orElse(to.minusDays(DEFAULT_DAYS - 1));
        if (from.isAfter(to)) {
            throw ApiException.badRequest("invalid_field", "'from' must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw ApiException.badRequest("invalid_field", "a funnel covers at most " + MAX_DAYS + " days");
        }
        Optional<String> flow = Optional.ofNullable(q.get("flow")).map(f -> LeadRoutes.matching(f, LeadRoutes.ID, "flow"));
        Optional<String> source = Optional.ofNullable(q.get("source"))
                .map(s -> s.equals(FunnelCounters.NO_SOURCE) ? s : LeadRoutes.matching(s, FunnelEvent.SOURCE, "source"));

        FunnelFigures figures = FunnelFigures.of(report.totals(flow, source, from, to));
        ObjectNode body = responses.object();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("zone", settings.zone().getId());
        if (flow.isPresent()) {
            body.put("flow", flow.get());
        } else {
            body.putNull("flow");
        }
        if (source.isPresent()) {
            body.put("source", source.get());
        } else {
            body.putNull("source");
        }
        ArrayNode stages = body.putArray("stages");
        for (FunnelFigures.Stage s : figures.stages()) {
            ObjectNode o = stages.addObject();
            o.put("stage", s.type().wire());
            o.put("count", s.count());
            rate(o, "stepRate", s.stepRate());
            rate(o, "overallRate", s.overallRate());
        }
        ObjectNode consent = body.putObject("consent");
        consent.put("asked", figures.consent().asked());
        consent.put("granted", figures.consent().granted());
        consent.put("declined", figures.consent().declined());
        rate(consent, "declineRate", figures.consent().declineRate());
        ObjectNode leads = body.putObject("leads");
        leads.put("captured", figures.leads().captured());
        leads.put("open", figures.leads().open());
        leads.put("won", figures.leads().won());
        leads.put("lost", figures.leads().lost());
        ObjectNode contact = body.putObject("firstContact");
        contact.put("contacted", figures.firstContact().contacted());
        minutes(contact, "medianMinutesAtMost", figures.firstContact().medianMinutes());
        minutes(contact, "p90MinutesAtMost", figures.firstContact().p90Minutes());

        ArrayNode dropOff = body.putArray("dropOff");
        List<String> flowIds = flow.map(List::of).orElseGet(() -> flows.flowIds().stream().sorted().toList());
        for (String id : flowIds) {
            Map<String, Long> flowTotals = report.totals(Optional.of(id), source, from, to);
            List<FunnelFigures.Node> nodes = FunnelFigures.nodes(flowTotals, order(id), ends(id));
            if (nodes.stream().allMatch(n -> n.reached() == 0) && flow.isEmpty()) {
                continue;
            }
            ObjectNode f = dropOff.addObject();
            f.put("flowId", id);
            ArrayNode list = f.putArray("nodes");
            for (FunnelFigures.Node n : nodes) {
                ObjectNode o = list.addObject();
                o.put("node", n.node());
                o.put("reached", n.reached());
                o.put("stoppedHere", n.stoppedHere());
                rate(o, "dropOffRate", n.dropOffRate());
                o.put("end", n.end());
            }
        }
        ArrayNode sources = body.putArray("sources");
        report.sources(flow).forEach(sources::add);
        return responses.json(200, body);
    }

    /** A flow's nodes from its start, breadth first: the order a visitor meets them. */
    private List<String> order(String flowId) {
        Set<String> seen = new LinkedHashSet<>();
        for (Flow flow : flows.all()) {
            if (!flow.id().equals(flowId)) {
                continue;
            }
            Deque<String> queue = new ArrayDeque<>(List.of(flow.start()));
            while (!queue.isEmpty()) {
                String id = queue.poll();
                Node node = flow.nodes().get(id);
                if (node == null || !seen.add(id)) {
                    continue;
                }
                queue.addAll(node.targets());
            }
        }
        return new ArrayList<>(seen);
    }

    private Set<String> ends(String flowId) {
        Set<String> out = new LinkedHashSet<>();
        flows.all().stream().filter(f -> f.id().equals(flowId))
                .forEach(f -> f.nodes().forEach((id, node) -> {
                    if (node.targets().isEmpty()) {
                        out.add(id);
                    }
                }));
        return out;
    }

    private static void rate(ObjectNode o, String name, Double value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }

    private static void minutes(ObjectNode o, String name, OptionalLong value) {
        if (value.isPresent()) {
            o.put(name, value.getAsLong());
        } else {
            o.putNull(name);
        }
    }

    private static LocalDate day(String value, String name) {
        try {
            return LocalDate.parse(LeadRoutes.fourDigitYear(value));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_field", "'" + name + "' is a date such as 2026-11-23");
        }
    }
}
