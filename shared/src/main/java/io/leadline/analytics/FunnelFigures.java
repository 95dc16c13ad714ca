package io.leadline.analytics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The funnel as people read it, from summed counters: stage counts with step and overall conversion,
 * consent asked / granted / declined, leads still open vs won vs lost, time to first contact, and where
 * visitors stopped in a flow.
 */
public record FunnelFigures(List<Stage> stages, Consent consent, Leads leads, FirstContact firstContact) {

    /** The stages in order; declining consent and losing a deal are outcomes beside them, not steps. */
    public static final List<FunnelEventType> STAGES = List.of(FunnelEventType.WIDGET_OPENED, FunnelEventType.CHAT_STARTED,
            FunnelEventType.CONSENT_GRANTED, FunnelEventType.LEAD_CAPTURED, FunnelEventType.CONTACTED,
            FunnelEventType.QUALIFIED, FunnelEventType.WON);

    /** A rate is absent when there is nothing to divide by. */
    public record Stage(FunnelEventType type, long count, Double stepRate, Double overallRate) {
    }

    public record Consent(long asked, long granted, long declined, Double declineRate) {
    }

    public record Leads(long captured, long open, long won, long lost) {
    }

    /** Quantiles in minutes, as bucket upper bounds (see {@link ContactTimes}). */
    public record FirstContact(long contacted, OptionalLong medianMinutes, OptionalLong p90Minutes) {
    }

    /** A flow node: how many conversations reached it, and how many stopped there (finished, at an end node). */
    public record Node(String node, long reached, long stoppedHere, Double dropOffRate, boolean end) {
    }

    public static FunnelFigures of(Map<String, Long> totals) {
        List<Stage> stages = new ArrayList<>();
        long first = count(totals, STAGES.get(0));
        long previous = -1;
        for (FunnelEventType type : STAGES) {
            long n = count(totals, type);
            stages.add(new Stage(type, n, previous < 0 ? null : rate(n, previous), rate(n, first)));
            previous = n;
        }
        long granted = count(totals, FunnelEventType.CONSENT_GRANTED);
        long declined = count(totals, FunnelEventType.CONSENT_DECLINED);
        long captured = count(totals, FunnelEventType.LEAD_CAPTURED);
        long won = count(totals, FunnelEventType.WON);
        long lost = count(totals, FunnelEventType.LOST);
        return new FunnelFigures(stages,
                new Consent(granted + declined, granted, declined, rate(declined, granted + declined)),
                new Leads(captured, Math.max(0, captured - won - lost), won, lost),
                new FirstContact(ContactTimes.contacted(totals), ContactTimes.quantile(totals, 0.5), ContactTimes.quantile(totals, 0.9)));
    }

    /**
     * Drop-off per node of one flow, in the flow's order; nodes counted under an earlier version of
     * the flow and gone from it come last.
     */
    public static List<Node> nodes(Map<String, Long> flowTotals, List<String> order, Set<String> endNodes) {
        Set<String> all = new LinkedHashSet<>(order);
        flowTotals.keySet().stream().filter(k -> k.startsWith(FunnelCounters.REACHED)).sorted()
                .forEach(k -> all.add(k.substring(FunnelCounters.REACHED.length())));
        List<Node> out = new ArrayList<>();
        for (String node : all) {
            long reached = flowTotals.getOrDefault(FunnelCounters.REACHED + node, 0L);
            long stopped = Math.max(0, flowTotals.getOrDefault(FunnelCounters.STOPPED + node, 0L));
            boolean end = endNodes.contains(node);
            out.add(new Node(node, reached, stopped, end ? null : rate(stopped, reached), end));
        }
        return out;
    }

    private static long count(Map<String, Long> totals, FunnelEventType type) {
        return totals.getOrDefault(FunnelCounters.STAGE + type.wire(), 0L);
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
