package io.leadline.flows;

import io.leadline.privacy.ContactNormalizer;
import io.leadline.privacy.PersonalFields;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a flow, one visitor turn at a time. Pure: no I/O, no clock of its own; the caller passes the
 * time and stores what {@link Step#effects()} asks for.
 *
 * <p>Consent before data, at run time: a personal answer is kept only if a granted purpose covers
 * its field, whatever the flow file says. The linter proves the same at build time; this is the
 * second line for a flow that slipped past it.
 */
public final class FlowEngine {

    /** Invalid answers in a row at one node before the bot gives up politely. */
    public static final int MAX_RETRIES = 3;
    /** Nodes run without input in one turn; a loop of messages in a bad flow stops here. */
    static final int MAX_AUTO_STEPS = 64;

    private final SystemMessages system;
    private final ContactNormalizer contacts;

    public FlowEngine(SystemMessages system, ContactNormalizer contacts) {
        this.system = system;
        this.contacts = contacts;
    }

    public SystemMessages system() {
        return system;
    }

    /** The greeting: runs from the start node to the first question. */
    public Step start(Flow flow, Instant now) {
        Turn turn = new Turn(flow, new FlowState(flow.start(), Map.of(), PersonalFields.empty(), Map.of(), 0, false), now);
        turn.runFrom(flow.start());
        return turn.step();
    }

    /** One visitor turn. Throws {@link FlowInputException} for input that does not fit; the state is then unchanged. */
    public Step answer(Flow flow, FlowState state, VisitorInput input, Instant now) {
        Turn turn = new Turn(flow, state, now);
        if (input instanceof VisitorInput.Text text && system.matches(flow.locale(), "forget_phrases", text.text())) {
            turn.forget();
            return turn.step();
        }
        if (input instanceof VisitorInput.Consent c && !c.granted() && isWithdrawal(flow, state, c)) {
            turn.withdraw(c.purpose());
            return turn.step();
        }
        if (state.finished()) {
            throw new FlowInputException("conversation_ended", "this conversation has ended; start a new one");
        }
        Node node = flow.nodes().get(state.nodeId());
        switch (node) {
            case Node.Choice choice -> turn.onChoice(choice, input);
            case Node.Question question -> turn.onQuestion(question, input);
            case Node.Consent consent -> turn.onConsent(consent, input);
            case null -> turn.flowError();
            default -> turn.flowError();
        }
        return turn.step();
    }

    /**
     * "No" to a purpose that is not being asked right now: a withdrawal, if it was granted. (A "no"
     * at the consent request for that purpose is the request's answer instead.)
     */
    private static boolean isWithdrawal(Flow flow, FlowState state, VisitorInput.Consent c) {
        Node current = state.finished() ? null : flow.nodes().get(state.nodeId());
        boolean askedNow = current instanceof Node.Consent k && k.purpose().equals(c.purpose());
        if (askedNow) {
            return false;
        }
        if (!state.granted(c.purpose())) {
            throw new FlowInputException("unexpected_input", "there is no consent for that purpose to withdraw");
        }
        return true;
    }

    /** What the bot is waiting for in this state (to resume after a page reload). */
    public Prompt promptFor(Flow flow, FlowState state) {
        if (state.finished()) {
            return Prompt.end();
        }
        Node node = flow.nodes().get(state.nodeId());
        return node == null ? Prompt.end() : new Turn(flow, state, Instant.EPOCH).promptOf(node);
    }

    /** The text the current node showed (to resume after a page reload). */
    public Optional<String> questionText(Flow flow, FlowState state) {
        Node node = state.finished() ? null : flow.nodes().get(state.nodeId());
        return switch (node) {
            case Node.Choice c -> Optional.of(c.text());
            case Node.Question q -> Optional.of(q.text());
            case null, default -> Optional.empty();
        };
    }

    /** One turn's mutable working copy; {@link #step()} freezes it. */
    private final class Turn {
        private final Flow flow;
        private final Instant now;
        private String nodeId;
        private final Map<String, String> answers;
        private PersonalFields personal;
        private final Map<String, Boolean> consents;
        private int retries;
        private boolean finished;
        private final List<String> messages = new ArrayList<>();
        private final List<Effect> effects = new ArrayList<>();
        private Prompt prompt;

        Turn(Flow flow, FlowState state, Instant now) {
            this.flow = flow;
            this.now = now;
            this.nodeId = state.nodeId();
            this.answers = new HashMap<>(state.answers());
            this.personal = state.personal();
            this.consents = new HashMap<>(state.consents());
            this.retries = state.retries();
            this.finished = state.finished();
        }

        Step step() {
            FlowState state = new FlowState(nodeId, answers, personal, consents, retries, finished);
            return new Step(state, List.copyOf(messages), prompt == null ? Prompt.end() : prompt, List.copyOf(effects));
        }

        void onChoice(Node.Choice node, VisitorInput input) {
            Node.Option selected = switch (input) {
                case VisitorInput.Choice c -> node.option(c.optionId()).orElseThrow(() ->
                        new FlowInputException("unknown_option", "that option is not offered here"));
                case VisitorInput.Text t -> matchLabel(node, t.text()).orElse(null);
                case VisitorInput.Consent c -> throw unexpected("a choice");
            };
            if (selected == null) {
                reask(node, system.text(flow, "choose_option"));
                return;
            }
            retries = 0;
            node.store().ifPresent(field -> store(node.id(), field, selected.id()));
            runFrom(selected.next());
        }

        void onQuestion(Node.Question node, VisitorInput input) {
            if (!(input instanceof VisitorInput.Text text)) {
                throw unexpected("a typed answer");
            }
            String raw = text.text();
            Optional<String> value = switch (node.validator().kind()) {
                case NAME -> contacts.name(raw);
                case EMAIL -> contacts.email(raw);
                case PHONE -> contacts.phone(raw);
                case TEXT -> Optional.of(raw.strip()).filter(s -> !s.isEmpty()
                        && s.codePointCount(0, s.length()) <= node.validator().maxLength());
            };
            if (value.isEmpty()) {
                reask(node, hint(node.validator(), raw));
                return;
            }
            retries = 0;
            store(node.id(), node.store(), value.get());
            runFrom(node.next());
        }

        void onConsent(Node.Consent node, VisitorInput input) {
            Boolean granted = switch (input) {
                case VisitorInput.Consent c -> {
                    if (!c.purpose().equals(node.purpose())) {
                        throw new FlowInputException("unexpected_input", "this step asks for consent to '" + node.purpose() + "'");
                    }
                    yield c.granted();
                }
                case VisitorInput.Choice c -> switch (c.optionId()) {
                    case "yes" -> true;
                    case "no" -> false;
                    default -> throw new FlowInputException("unknown_option", "answer yes or no");
                };
                case VisitorInput.Text t -> typedConsent(t.text());
            };
            if (granted == null) {
                // Silence or an unclear answer is not consent.
                reask(node, system.text(flow, "consent_unclear"));
                return;
            }
            retries = 0;
            boolean wasGranted = Boolean.TRUE.equals(consents.get(node.purpose()));
            consents.put(node.purpose(), granted);
            String shown = ConsentText.canonical(flow, node);
            effects.add(new Effect.ConsentAnswered(node.id(), node.purpose(), granted, shown, ConsentText.sha256(shown)));
            if (wasGranted && !granted) {
                // Saying no again at a later request takes back the earlier yes, with what it covered.
                dropPurpose(node.purpose());
                effects.add(new Effect.ConsentWithdrawn(node.purpose()));
            }
            runFrom(granted ? node.yes() : node.no());
        }

        private Boolean typedConsent(String typed) {
            String locale = flow.locale();
            if (system.matches(locale, "yes_words", typed) || sameText(typed, system.text(flow, "consent_yes"))) {
                return true;
            }
            if (system.matches(locale, "no_words", typed) || sameText(typed, system.text(flow, "consent_no"))) {
                return false;
            }
            return null;
        }

        void forget() {
            answers.clear();
            personal = PersonalFields.empty();
            finished = true;
            messages.add(system.text(flow, "forgotten"));
            effects.add(new Effect.Forgotten());
            prompt = Prompt.end();
        }

        /** The visitor takes back a purpose: its data goes, and the flow ends (it may need that data). */
        void withdraw(String purpose) {
            consents.put(purpose, false);
            dropPurpose(purpose);
            effects.add(new Effect.ConsentWithdrawn(purpose));
            messages.add(system.text(flow, "withdrawn"));
            if (!finished) {
                finished = true;
                effects.add(new Effect.Finished("withdrawn", false));
            }
            prompt = Prompt.end();
        }

        private void dropPurpose(String purpose) {
            java.util.Set<String> covered = new java.util.HashSet<>();
            for (String field : personal.fields()) {
                if (flow.field(field).map(f -> purpose.equals(f.purpose())).orElse(true)) {
                    covered.add(field);
                }
            }
            personal = personal.without(covered);
        }

        void flowError() {
            messages.add(system.text(flow, "flow_error"));
            finish("flow-error", false);
        }

        /** Runs nodes that need no input until one that does, or the end. */
        void runFrom(String start) {
            String id = start;
            for (int i = 0; i < MAX_AUTO_STEPS; i++) {
                Node node = flow.nodes().get(id);
                if (node == null) {
                    flowError();
                    return;
                }
                effects.add(new Effect.NodeReached(id));
                switch (node) {
                    case Node.Message m -> {
                        messages.add(m.text());
                        id = m.next();
                    }
                    case Node.Branch b -> id = branch(b);
                    case Node.End e -> {
                        nodeId = e.id();
                        messages.add(e.text());
                        finish(e.id(), false);
                        return;
                    }
                    case Node.Handoff h -> {
                        nodeId = h.id();
                        messages.add(h.text().replace("{when}", whenSomeoneAnswers()));
                        finish(h.id(), true);
                        return;
                    }
                    case Node.Choice c -> {
                        waitAt(c);
                        messages.add(c.text());
                        return;
                    }
                    case Node.Question q -> {
                        waitAt(q);
                        messages.add(q.text());
                        return;
                    }
                    case Node.Consent k -> {
                        waitAt(k);
                        return;
                    }
                }
            }
            flowError();
        }

        private void waitAt(Node node) {
            nodeId = node.id();
            retries = 0;
            prompt = promptOf(node);
        }

        Prompt promptOf(Node node) {
            return switch (node) {
                case Node.Choice c -> Prompt.choice(c.options().stream()
                        .map(o -> new Prompt.Option(o.id(), o.label())).toList());
                case Node.Question q -> Prompt.question(q.validator());
                case Node.Consent k -> Prompt.consent(new Prompt.ConsentRequest(k.purpose(), k.text(), k.retention(),
                        k.privacyUrl(), system.text(flow, "consent_yes"), system.text(flow, "consent_no")));
                default -> Prompt.end();
            };
        }

        private String branch(Node.Branch b) {
            // Branches read non-personal answers only: personal values never steer analytics-visible paths.
            String value = answers.get(b.field());
            for (Node.Case c : b.cases()) {
                if (c.equals().equals(value)) {
                    return c.next();
                }
            }
            return b.otherwise();
        }

        private void finish(String outcome, boolean handoff) {
            finished = true;
            prompt = Prompt.end();
            if (!personal.isEmpty() && personal.fields().stream().allMatch(this::covered)) {
                effects.add(new Effect.LeadReady(handoff));
            }
            effects.add(new Effect.Finished(outcome, handoff));
        }

        private void reask(Node node, String hint) {
            retries++;
            if (retries >= MAX_RETRIES) {
                messages.add(system.text(flow, "too_many_retries"));
                finish("gave-up", false);
                return;
            }
            messages.add(hint);
            prompt = promptOf(node).withHint(hint);
        }

        private void store(String nodeId, String field, String value) {
            Optional<Field> spec = flow.field(field);
            // An undeclared field is treated as personal with no purpose: it cannot be covered, so it is not kept.
            boolean isPersonal = spec.map(Field::personal).orElse(true);
            if (!isPersonal) {
                answers.put(field, value);
                return;
            }
            if (covered(field)) {
                personal = personal.with(field, value);
            } else {
                effects.add(new Effect.AnswerRefused(nodeId, field));
                messages.add(system.text(flow, "answer_not_stored"));
            }
        }

        private boolean covered(String field) {
            return flow.field(field).map(f -> f.personal() && f.purpose() != null && Boolean.TRUE.equals(consents.get(f.purpose())))
                    .orElse(false);
        }

        private String hint(Node.Validator validator, String raw) {
            return switch (validator.kind()) {
                case NAME -> system.text(flow, "invalid_name");
                case EMAIL -> system.text(flow, "invalid_email");
                case PHONE -> system.text(flow, "invalid_phone");
                case TEXT -> raw.strip().isEmpty() ? system.text(flow, "invalid_text")
                        : system.text(flow, "text_too_long").replace("{max}", Integer.toString(validator.maxLength()));
            };
        }

        private Optional<Node.Option> matchLabel(Node.Choice node, String typed) {
            String t = SystemMessages.normalise(typed);
            return node.options().stream()
                    .filter(o -> SystemMessages.normalise(o.label()).equals(t) || SystemMessages.normalise(o.id()).equals(t))
                    .findFirst();
        }

        private boolean sameText(String a, String b) {
            return SystemMessages.normalise(a).equals(SystemMessages.normalise(b));
        }

        private String whenSomeoneAnswers() {
            return flow.businessHours().flatMap(h -> h.nextOpening(now)).map(this::describe)
                    .orElse(system.text(flow, "handoff_open"));
        }

        private String describe(ZonedDateTime opening) {
            List<String> days = system.list(flow.locale(), "days");
            String day = days.size() == 7 ? days.get(opening.getDayOfWeek().getValue() - 1) : opening.getDayOfWeek().toString();
            return system.text(flow, "handoff_closed").replace("{day}", day)
                    .replace("{time}", opening.format(DateTimeFormatter.ofPattern("HH:mm")));
        }

        private FlowInputException unexpected(String expected) {
            return new FlowInputException("unexpected_input", "this step expects " + expected);
        }
    }
}
