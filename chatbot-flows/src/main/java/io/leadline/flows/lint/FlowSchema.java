package io.leadline.flows.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** chatbot-flows/schema/flow.schema.json, the same file editors use, applied to a parsed flow file. */
final class FlowSchema {

    private final JsonSchema schema;

    FlowSchema() {
        try (InputStream in = FlowSchema.class.getClassLoader().getResourceAsStream("schema/flow.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("schema/flow.schema.json is not on the class path");
            }
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Findings for a flow file's tree; the node is taken from the location (/nodes/<id>/...). */
    List<Finding> check(String file, JsonNode tree) {
        List<Finding> out = new ArrayList<>();
        List<ValidationMessage> messages = new ArrayList<>(schema.validate(tree));
        messages.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
        for (ValidationMessage m : messages) {
            String location = m.getInstanceLocation().toString();
            out.add(new Finding(file, nodeOf(location), Finding.Rule.SCHEMA, m.getMessage()));
        }
        return out;
    }

    private static String nodeOf(String location) {
        // "$.nodes.ask_email.validator" or "/nodes/ask_email/validator"
        String l = location.replace('/', '.');
        int i = l.indexOf(".nodes.");
        if (i < 0) {
            return null;
        }
        String rest = l.substring(i + ".nodes.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
