package io.leadline.privacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Personal values by field name (name, email, phone, free text). Its {@code toString} prints field
 * names only, so a stray log statement or exception message cannot leak the values.
 */
public final class PersonalFields {

    private static final JsonFactory JSON = new JsonFactory();
    private static final PersonalFields EMPTY = new PersonalFields(Map.of());

    private final Map<String, String> values;

    private PersonalFields(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static PersonalFields empty() {
        return EMPTY;
    }

    public static PersonalFields of(Map<String, String> values) {
        return values.isEmpty() ? EMPTY : new PersonalFields(values);
    }

    public PersonalFields with(String field, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(field, value);
        return new PersonalFields(copy);
    }

    public PersonalFields without(Set<String> fields) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.keySet().removeAll(fields);
        return of(copy);
    }

    public Optional<String> get(String field) {
        return Optional.ofNullable(values.get(field));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Set<String> fields() {
        return values.keySet();
    }

    /** The values, for code that must show or encrypt them. Never log the result. */
    public Map<String, String> reveal() {
        return values;
    }

    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : values.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static PersonalFields fromJson(byte[] json) {
        Map<String, String> values = new TreeMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("personal fields must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                values.put(name, p.getValueAsString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonalFields other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "PersonalFields" + values.keySet() + "(values hidden)";
    }
}
