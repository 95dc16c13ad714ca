package io.leadline.monitoring;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;

/**
 * CloudWatch metrics in the Embedded Metric Format: one JSON line on stdout, which Lambda's log
 * pipeline turns into a metric without an API call. (Powertools' metrics module does the same through
 * a static singleton and aspects; one line of JSON needs neither, nor their start-up time.)
 * Dimensions hold identifiers only, never personal data.
 */
@Singleton
public final class Metrics {

    public static final String NAMESPACE = "Leadline";

    private final Clock clock;

    @Inject
    public Metrics(Clock clock) {
        this.clock = clock;
    }

    public void count(String metric, Map<String, String> dimensions) {
        StringBuilder dims = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (Map.Entry<String, String> d : dimensions.entrySet()) {
            dims.append(dims.isEmpty() ? "" : ",").append('"').append(d.getKey()).append('"');
            values.append(",\"").append(d.getKey()).append("\":\"").append(d.getValue().replace("\"", "")).append('"');
        }
        System.out.println("{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":\""
                + NAMESPACE + "\",\"Dimensions\":[[" + dims + "]],\"Metrics\":[{\"Name\":\"" + metric
                + "\",\"Unit\":\"Count\"}]}]}" + values + ",\"" + metric + "\":1}");
    }
}
