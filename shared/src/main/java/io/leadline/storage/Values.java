package io.leadline.storage;

import software.amazon.awssdk.core.SdkBytes;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The attributes read from one item, handed to a record's factory by {@link ItemSchema}. */
public final class Values {

    private final Map<String, Object> values = new HashMap<>();

    void put(String name, Object value) {
        values.put(name, value);
    }

    public String string(String name) {
        return (String) values.get(name);
    }

    public String string(String name, String fallback) {
        String v = string(name);
        return v == null ? fallback : v;
    }

    public long number(String name) {
        Long v = (Long) values.get(name);
        return v == null ? 0L : v;
    }

    public int integer(String name) {
        Integer v = (Integer) values.get(name);
        return v == null ? 0 : v;
    }

    public boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    public SdkBytes bytes(String name) {
        return (SdkBytes) values.get(name);
    }

    public Instant instant(String name) {
        return (Instant) values.get(name);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(String name) {
        Map<String, String> v = (Map<String, String>) values.get(name);
        return v == null ? Map.of() : Map.copyOf(v);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Long> numberMap(String name) {
        Map<String, Long> v = (Map<String, Long>) values.get(name);
        return v == null ? Map.of() : Map.copyOf(v);
    }

    @SuppressWarnings("unchecked")
    public Map<String, SdkBytes> bytesMap(String name) {
        Map<String, SdkBytes> v = (Map<String, SdkBytes>) values.get(name);
        return v == null ? Map.of() : Map.copyOf(v);
    }

    @SuppressWarnings("unchecked")
    public List<String> stringList(String name) {
        List<String> v = (List<String>) values.get(name);
        return v == null ? List.of() : List.copyOf(v);
    }
}
