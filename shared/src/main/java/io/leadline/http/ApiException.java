package io.leadline.http;

/**
 * A request the API refuses, with its HTTP status and a stable error code. Messages explain what
 * to change and never echo request values (they could be personal data).
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException methodNotAllowed() {
        return new ApiException(405, "method_not_allowed", "this route does not accept that method");
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException payloadTooLarge(int limit) {
        return new ApiException(413, "payload_too_large", "request body exceeds " + limit + " bytes");
    }

    public static ApiException unsupportedMediaType() {
        return new ApiException(415, "unsupported_media_type", "send the body as application/json");
    }

    public static ApiException tooManyRequests(String message) {
        return new ApiException(429, "rate_limited", message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message);
    }
}
