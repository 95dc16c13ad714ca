package io.leadline.consent;

public enum ConsentDecision {
    GRANTED, DECLINED, WITHDRAWN;

    public String wire() {
        return name().toLowerCase();
    }
}
