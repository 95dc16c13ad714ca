package io.leadline.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stream records as the SDK reads them, turned into the event Lambda hands a stream function. */
final class StreamRecords {

    private StreamRecords() {
    }

    static DynamodbEvent event(List<Record> records, String streamArn, String region) {
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (Record r : records) {
            var record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(r.eventID());
            record.setEventName(r.eventNameAsString());
            record.setEventVersion(r.eventVersion());
            record.setEventSource("aws:dynamodb");
            record.setAwsRegion(region);
            record.setEventSourceARN(streamArn);
            var d = r.dynamodb();
            StreamRecord data = new StreamRecord()
                    .withSequenceNumber(d.sequenceNumber())
                    .withSizeBytes(d.sizeBytes())
                    .withStreamViewType(d.streamViewType() == null ? null
                            : com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(d.streamViewTypeAsString()))
                    .withKeys(image(d.keys()))
                    .withNewImage(d.hasNewImage() ? image(d.newImage()) : null)
                    .withOldImage(d.hasOldImage() ? image(d.oldImage()) : null);
            if (d.approximateCreationDateTime() != null) {
                data.setApproximateCreationDateTime(Date.from(d.approximateCreationDateTime()));
            }
            record.setDynamodb(data);
            out.add(record);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(out);
        return event;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
            Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(v.b().asByteBuffer());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(b -> b.asByteBuffer()).toList());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(true);
            case L -> out.setL(v.l().stream().map(StreamRecords::value).toList());
            case M -> out.setM(image(v.m()));
            default -> throw new IllegalArgumentException("an attribute type the stream does not carry: " + v.type());
        }
        return out;
    }
}
