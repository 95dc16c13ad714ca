package io.leadline.flows;

/** A flow file that cannot be read as a flow: names the file, the node (if any) and the reason. */
public final class FlowFormatException extends RuntimeException {

    private final String source;
    private final String nodeId;
    private final String reason;

    public FlowFormatException(String source, String nodeId, String reason) {
        super(source + (nodeId == null ? "" : ": node '" + nodeId + "'") + ": " + reason);
        this.source = source;
        this.nodeId = nodeId;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public String nodeId() {
        return nodeId;
    }

    public String reason() {
        return reason;
    }
}
