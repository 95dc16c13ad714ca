package io.leadline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.leadline.local.identity.LocalSignIn;
import io.leadline.testing.Hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the OpenAPI fuzzer aims at in the running product, made through the product's own flows: staff
 * signed in (password, then TOTP) for each role, chat conversations with their tokens, leads captured
 * through the chat, users to hand over and disable; and the invalid console tokens (expired, forged,
 * tampered…) it tries. Pools grow as the run goes (conversations started, cursors handed out).
 * The fuzzer's people (names, e-mails, phones) are its own; no other data is in its reach.
 */
final class FuzzTargets {

    static final String NEW_PASSWORD = "Correct-Horse-7-Battery";
    static final List<String> ROLES = List.of("admin", "sales-manager", "sales-rep");
    private static final int POOL_LIMIT = 64;
    private static final Duration RENEW_AFTER = Duration.ofMinutes(45);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Conversation(String id, String token) {
    }

    /** A fuzz person: personal-looking values an error must never echo. */
    record Person(String name, String email, String phone) {
        List<String> values() {
            return List.of(name, email, phone);
        }
    }

    /** A console user the run signs in as; signs in again before the token (1 h) runs out. */
    private final class Staff {
        final String username;
        final String role;
        String password;
        final CognitoSignInClient.Authenticator authenticator;
        String id;
        String token;
        Instant signedInAt;

        Staff(String username, String role, String password, String totpSecret) {
            this.username = username;
            this.role = role;
            this.password = password;
            this.authenticator = new CognitoSignInClient.Authenticator(totpSecret);
        }

        synchronized String token() {
            if (token == null || Instant.now().isAfter(signedInAt.plus(RENEW_AFTER))) {
                CognitoSignInClient client = new CognitoSignInClient(URI.create(product.baseUrl() + "/local-cognito/"),
                        LocalSignIn.CLIENT_ID);
                token = client.signIn(username, password, NEW_PASSWORD, authenticator).idToken();
                password = NEW_PASSWORD;
                signedInAt = Instant.now();
            }
            return token;
        }
    }

    final LocalProduct product;
    private final RawHttp setup;
    private final Map<String, Staff> staff = new LinkedHashMap<>();
    private final List<Conversation> conversations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> leads = Collections.synchronizedList(new ArrayList<>());
    private final List<String> victims = new ArrayList<>();
    private final List<String> assignees = new ArrayList<>();
    private final List<String> cursors = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> versions = new java.util.concurrent.ConcurrentHashMap<>();
    private Set<String> kept = Set.of();
    final List<Person> people = new ArrayList<>();
    private final RSAKey signingKey;
    private final RSAKey strangerKey;

    FuzzTargets(LocalProduct product) {
        this.product = product;
        this.setup = new RawHttp("127.0.0.1", product.port());
        try {
            this.signingKey = RSAKey.parse(Files.readString(product.dataDir().resolve("token-signing-key.json")));
            this.strangerKey = new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.text.ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
        String[] family = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"};
        String[] given = {"Thị Hồng Fuzz", "Văn Fuzz", "Minh Fuzz", "Quốc Fuzz"};
        for (int i = 0; i < 24; i++) {
            people.add(new Person(family[i % family.length] + " " + given[i % given.length],
                    "fuzz.person%02d@example.vn".formatted(i), "0906 %03d %03d".formatted(100 + i, 200 + i)));
        }
    }

    /** Signs the team in: the first administrator, and a manager and a rep it creates. */
    FuzzTargets signIn() {
        var first = product.firstAdmin().orElseThrow();
        Staff admin = new Staff(first.username(), "admin", first.password(), first.totpSecret());
        staff.put("admin", admin);
        admin.id = call("GET", "/api/me", admin.token(), null).path("id").asText();
        for (String[] u : new String[][]{{"fuzz.manager", "sales-manager"}, {"fuzz.rep", "sales-rep"}}) {
            JsonNode created = call("POST", "/api/users", admin.token(), "{\"username\":\"" + u[0] + "\",\"role\":\"" + u[1] + "\"}");
            Staff s = new Staff(u[0], u[1], created.path("temporaryPassword").asText(), null);
            s.id = created.path("user").path("id").asText();
            s.token();
            staff.put(u[1], s);
            assignees.add(s.id);
        }
        return this;
    }

    /**
     * Makes the pools the run aims at: users to hand over and disable, conversations at several steps,
     * leads of the fuzz people; every lead already there but those in {@code leadsNotToTouch} joins.
     */
    FuzzTargets preparePools(Set<String> leadsNotToTouch) {
        kept = Set.copyOf(leadsNotToTouch);
        String admin = token("admin");
        for (String v : List.of("victim.one", "victim.two", "victim.three")) {
            String id = call("POST", "/api/users", admin, "{\"username\":\"" + v + "\",\"role\":\"sales-rep\"}")
                    .path("user").path("id").asText();
            victims.add(id);
            assignees.add(id);
        }
        for (int i = 0; i < 6; i++) {
            captureLead(people.get(i));
        }
        for (int i = 0; i < 24; i++) {
            String[] turns = switch (i % 4) {
                case 0 -> new String[0];
                case 1 -> new String[]{"{\"choice\":\"pricing\"}"};
                case 2 -> new String[]{"{\"choice\":\"other\"}", "{\"consent\":{\"purpose\":\"contact\",\"granted\":true}}"};
                default -> new String[]{"{\"choice\":\"billing\"}"};
            };
            conversations.add(chat(i % 4 == 3 ? "support-triage" : "website-lead", List.of("en", "vi", "zh").get(i % 3), null, turns));
        }
        for (JsonNode lead : call("GET", "/api/leads?limit=100", admin, null).path("leads")) {
            if (!leadsNotToTouch.contains(lead.path("id").asText())) {
                leads.add(lead.path("id").asText());
            }
        }
        return this;
    }

    String userId(String role) {
        return staff.get(role).id;
    }

    String token(String role) {
        return staff.get(role).token();
    }

    static String text(String value) {
        return "{\"text\":" + JSON.getNodeFactory().textNode(value) + "}";
    }

    /** Starts a conversation and sends its turns, each with a clientMessageId; its id and token. */
    Conversation chat(String flow, String locale, String source, String... turns) {
        return chat(false, flow, locale, source, turns);
    }

    /** As {@link #chat(String, String, String, String...)}; with {@code mayBeErased}, null if it was erased on the way. */
    private Conversation chat(boolean mayBeErased, String flow, String locale, String source, String... turns) {
        JsonNode started = call("POST", "/chat/conversations", null, "{\"flowId\":\"" + flow + "\",\"locale\":\"" + locale + "\""
                + (source == null ? "" : ",\"source\":\"" + source + "\"") + "}");
        Conversation c = new Conversation(started.path("conversationId").asText(), started.path("token").asText());
        for (int i = 0; i < turns.length; i++) {
            String body = turns[i].substring(0, turns[i].length() - 1) + ",\"clientMessageId\":\"setup-" + i + "\"}";
            JsonNode reply = call("POST", "/chat/conversations/" + c.id() + "/messages", c.token(), body, mayBeErased);
            if (reply == null) {
                return null;
            }
            if (reply.path("prompt").has("hint")) {
                throw new AssertionError("setup turn refused: " + body + " → " + reply);
            }
        }
        return c;
    }

    /**
     * A fuzz person leaves a lead through the chat, as a visitor does (the run erases some: new ones keep
     * coming). A returning visitor's conversation joins their lead, so an erasure of that person running
     * meanwhile may take it along: then this one is simply gone.
     */
    void captureLead(Person p) {
        chat(true, "website-lead", "en", "fuzz", "{\"choice\":\"demo\"}", "{\"consent\":{\"purpose\":\"contact\",\"granted\":true}}",
                text(p.name()), text(p.email()), text(p.phone()));
    }

    /**
     * One setup request through the gateway; 2xx or the test stops. A 429 is waited out, and a 409
     * {@code conflict} (the chat turn met a concurrent change, say to the returning visitor's lead) is sent
     * again as the widget does, same clientMessageId and all.
     */
    JsonNode call(String method, String path, String token, String body) {
        return call(method, path, token, body, false);
    }

    /** As {@link #call(String, String, String, String)}; with {@code goneIsFine}, a 404 is null. */
    private synchronized JsonNode call(String method, String path, String token, String body, boolean goneIsFine) {
        try {
            for (int attempt = 0; ; attempt++) {
                List<String[]> headers = new ArrayList<>();
                headers.add(new String[]{"Content-Type", "application/json"});
                if (token != null) {
                    headers.add(new String[]{"Authorization", "Bearer " + token});
                }
                RawHttp.Response r = setup.send(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
                if (r.status() == 429 && attempt < 60) {
                    Thread.sleep(1_100);
                    continue;
                }
                if (r.status() == 409 && r.body().contains("\"code\":\"conflict\"") && attempt < 20) {
                    Thread.sleep(100);
                    continue;
                }
                if (r.status() == 404 && goneIsFine) {
                    return null;
                }
                if (r.status() / 100 != 2) {
                    throw new AssertionError("setup: " + method + " " + path + " answered " + r.status() + " " + r.body());
                }
                return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ pools

    Conversation conversation(Hostile g) {
        synchronized (conversations) {
            return conversations.get(g.random().nextInt(conversations.size()));
        }
    }

    /** A conversation the run started: it joins the pool (replacing an older one when full). */
    void started(int index, Conversation c) {
        synchronized (conversations) {
            if (conversations.size() < POOL_LIMIT) {
                conversations.add(c);
            } else {
                conversations.set(Math.floorMod(index, POOL_LIMIT), c);
            }
        }
    }

    String lead(Hostile g) {
        synchronized (leads) {
            return leads.get(g.random().nextInt(leads.size()));
        }
    }

    /** A lead the run may act on, seen in an answer (never one of the kept leads). */
    void lead(String id) {
        if (kept.contains(id)) {
            return;
        }
        synchronized (leads) {
            if (!leads.contains(id)) {
                if (leads.size() < POOL_LIMIT) {
                    leads.add(id);
                } else {
                    leads.set(Math.floorMod(id.hashCode(), POOL_LIMIT), id);
                }
            }
        }
    }

    /** The version an answer last showed for a lead; a PATCH or an assignment names it. */
    void version(String leadId, long version) {
        versions.merge(leadId, version, Math::max);
    }

    Long version(String leadId) {
        return versions.get(leadId);
    }

    String victim(Hostile g) {
        return g.oneOf(victims);
    }

    String assignee(Hostile g) {
        return g.oneOf(assignees);
    }

    String cursor(Hostile g) {
        synchronized (cursors) {
            return cursors.isEmpty() ? null : cursors.get(g.random().nextInt(cursors.size()));
        }
    }

    void cursor(String c) {
        synchronized (cursors) {
            if (cursors.size() < POOL_LIMIT) {
                cursors.add(c);
            }
        }
    }

    // ------------------------------------------------------------------ console tokens

    private JWTClaimsSet.Builder claims(String role, Instant issued) {
        return new JWTClaimsSet.Builder().issuer(LocalSignIn.ISSUER).subject(userId(role)).audience(LocalSignIn.CLIENT_ID)
                .claim("cognito:username", staff.get(role).username).claim("cognito:groups", List.of(role))
                .claim("token_use", "id").claim("auth_time", issued.getEpochSecond())
                .issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(Duration.ofHours(1))));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An Authorization header the console API's authorizer must refuse (null: none at all), and its
     * kind, for the request's description.
     */
    String[] badConsoleAuthorization(Hostile g) {
        String role = g.oneOf(ROLES);
        Instant now = Instant.now();
        String valid = token(role);
        String kind = g.oneOf("missing", "expired", "not-yet-valid", "forged-key", "alg-none", "hs256-with-public-key",
                "tampered-payload", "wrong-issuer", "wrong-audience", "wrong-token-use", "no-subject", "garbage",
                "truncated", "basic-scheme", "no-scheme", "conversation-token", "huge", "empty-bearer");
        String header = switch (kind) {
            case "missing" -> null;
            case "expired" -> "Bearer " + sign(signingKey, claims(role, now.minus(Duration.ofHours(2))).build());
            case "not-yet-valid" -> "Bearer " + sign(signingKey, claims(role, now).notBeforeTime(Date.from(now.plus(Duration.ofDays(1)))).build());
            case "forged-key" -> "Bearer " + sign(strangerKey, claims(role, now).build());
            case "alg-none" -> "Bearer " + new PlainJWT(claims(role, now).build()).serialize();
            case "hs256-with-public-key" -> {
                try {
                    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID()).build(),
                            claims(role, now).build());
                    jwt.sign(new MACSigner(signingKey.toPublicJWK().toRSAPublicKey().getEncoded()));
                    yield "Bearer " + jwt.serialize();
                } catch (JOSEException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "tampered-payload" -> {
                String[] parts = token("sales-rep").split("\\.");
                String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        claims("sales-rep", now).claim("cognito:groups", List.of("admin")).build().toString().getBytes(StandardCharsets.UTF_8));
                yield "Bearer " + parts[0] + "." + payload + "." + parts[2];
            }
            case "wrong-issuer" -> "Bearer " + sign(signingKey, claims(role, now).issuer("https://cognito-idp.local/other").build());
            case "wrong-audience" -> "Bearer " + sign(signingKey, claims(role, now).audience("another-client").build());
            case "wrong-token-use" -> "Bearer " + sign(signingKey, claims(role, now).claim("token_use", "refresh").build());
            case "no-subject" -> "Bearer " + sign(signingKey, claims(role, now).subject(null).build());
            case "garbage" -> "Bearer " + g.ascii(g.between(1, 60)).replace(' ', '.');
            case "truncated" -> "Bearer " + valid.substring(0, valid.length() - g.between(1, 40));
            case "basic-scheme" -> "Basic " + Base64.getEncoder().encodeToString(("admin:" + NEW_PASSWORD).getBytes(StandardCharsets.UTF_8));
            case "no-scheme" -> valid;
            case "conversation-token" -> "Bearer " + conversation(g).token();
            case "huge" -> "Bearer " + valid + "x".repeat(g.oneOf(1_000, 20_000));
            default -> "Bearer ";
        };
        return new String[]{kind, header};
    }

    /**
     * A token the authorizer accepts (the real key signed it) whose claims are odd: a subject of
     * hostile text, groups in strange shapes, a missing or huge username. The function must cope.
     */
    String oddClaims(Hostile g) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = claims(g.oneOf(ROLES), now)
                .subject(g.chance(0.5) ? g.text(6) + UUID.randomUUID() : g.oneOf(" ", "-", "user:x", "\u0000", "a".repeat(5000)))
                .claim("cognito:username", g.chance(0.3) ? null : g.chance(0.5) ? g.text(8) : g.aroundLimit(1000))
                .claim("cognito:groups", switch (g.between(0, 6)) {
                    case 0 -> List.of();
                    case 1 -> "admin";
                    case 2 -> "[admin";
                    case 3 -> List.of("ADMIN", "sales rep", "admin]");
                    case 4 -> List.of(g.text(5), "sales-rep");
                    case 5 -> null;
                    default -> List.of(1, true);
                });
        return "Bearer " + sign(signingKey, b.build());
    }
}
