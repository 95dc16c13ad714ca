package io.leadline.analytics;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From summed counters to the figures people read. */
class FunnelFiguresTest {

    @Test
    void stagesCarryStepAndOverallRates() {
        FunnelFigures f = FunnelFigures.of(Map.of("s_widget_opened", 200L, "s_chat_started", 120L, "s_consent_granted", 60L,
                "s_consent_declined", 20L, "s_lead_captured", 50L, "s_contacted", 40L, "s_qualified", 20L, "s_won", 5L, "s_lost", 10L));
        List<FunnelFigures.Stage> s = f.stages();
        assertEquals(FunnelFigures.STAGES, s.stream().map(FunnelFigures.Stage::type).toList());
        assertNull(s.get(0).stepRate(), "the first stage has no step before it");
        assertEquals(1.0, s.get(0).overallRate());
        assertEquals(0.6, s.get(1).stepRate());
        assertEquals(0.5, s.get(2).stepRate());
        assertEquals(0.3, s.get(2).overallRate());
        assertEquals(0.025, s.get(6).overallRate());
        assertEquals(0.25, s.get(6).stepRate());

        assertEquals(new FunnelFigures.Consent(80, 60, 20, 0.25), f.consent());
        assertEquals(new FunnelFigures.Leads(50, 35, 5, 10), f.leads());
    }

    @Test
    void nothingToDivideByGivesNoRateRatherThanZeroOrNaN() {
        FunnelFigures f = FunnelFigures.of(Map.of());
        assertTrue(f.stages().stream().allMatch(s -> s.count() == 0 && s.overallRate() == null));
        assertNull(f.consent().declineRate());
        assertTrue(f.firstContact().medianMinutes().isEmpty());
        assertEquals(new FunnelFigures.Leads(0, 0, 0, 0), f.leads());
    }

    @Test
    void ratesRoundToFourPlaces() {
        assertEquals(0.3333, FunnelFigures.rate(1, 3));
        assertEquals(0.6667, FunnelFigures.rate(2, 3));
        assertNull(FunnelFigures.rate(1, 0));
    }

    @Test
    void contactTimesFallIntoBucketsByUpperBound() {
        assertEquals("t_1", ContactTimes.bucket(0));
        assertEquals("t_60", ContactTimes.bucket(59));
        assertEquals("t_120", ContactTimes.bucket(60));
        assertEquals("t_43200", ContactTimes.bucket(43_199));
        assertEquals("t_over", ContactTimes.bucket(43_200));
    }

    @Test
    void aQuantileBeyondTheLastBoundIsUnknown() {
        Map<String, Long> c = new HashMap<>(Map.of("t_5", 1L, "t_over", 3L));
        assertEquals(4, ContactTimes.contacted(c));
        assertEquals(5, ContactTimes.quantile(c, 0.25).orElseThrow());
        assertTrue(ContactTimes.quantile(c, 0.5).isEmpty());
    }

    @Test
    void nodesComeInFlowOrderWithRetiredNodesLast() {
        Map<String, Long> totals = Map.of("r_start", 10L, "a_start", 4L, "r_end", 6L, "a_end", 6L, "r_old", 2L, "a_old", 2L);
        List<FunnelFigures.Node> nodes = FunnelFigures.nodes(totals, List.of("start", "end"), Set.of("end"));
        assertEquals(List.of("start", "end", "old"), nodes.stream().map(FunnelFigures.Node::node).toList());
        assertEquals(0.4, nodes.get(0).dropOffRate());
        assertNull(nodes.get(1).dropOffRate(), "finishing at an end node is not dropping off");
        assertEquals(1.0, nodes.get(2).dropOffRate());
    }
}
