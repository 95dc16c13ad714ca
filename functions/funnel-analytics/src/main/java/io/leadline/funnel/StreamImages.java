package io.leadline.funnel;

import io.leadline.analytics.FunnelEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

/** Stream images (the Lambda events library's attribute values) as funnel events. */
@Singleton
public final class StreamImages {

    @Inject
    public StreamImages() {
    }

    public FunnelEvent event(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> item = new HashMap<>();
        image.forEach((name, value) -> {
            if (value.getS() != null) {
                item.put(name, AttributeValue.fromS(value.getS()));
            } else if (value.getN() != null) {
                item.put(name, AttributeValue.fromN(value.getN()));
            }
        });
        return FunnelEvent.schema().mapToItem(item);
    }
}
