package io.leadline.chat;

import java.util.regex.Pattern;

/** Every limit of the public chat API, in one place (and each one tested). */
public final class ChatLimits {

    /** Largest request body; more is refused with 413 before parsing. */
    public static final int MAX_BODY_BYTES = 8 * 1024;
    /** Longest visitor message, in characters. */
    public static final int MAX_TEXT_CHARS = 1_000;
    /** Transcript entries remembered for idempotent retries. */
    public static final int RECENT_TURNS = 20;
    /** Turns one conversation may take; a flow needs a handful, a script needs many. */
    public static final int MAX_TURNS = 200;

    public static final Pattern FLOW_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    public static final Pattern LOCALE = Pattern.compile("^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$");
    /** Campaign sources are counted by the funnel, which defines what one may look like. */
    public static final Pattern SOURCE = io.leadline.analytics.FunnelEvent.SOURCE;
    public static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
    public static final Pattern CONVERSATION_ID = Pattern.compile("^[A-Za-z0-9_-]{22}$");
    public static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    public static final Pattern PURPOSE = Pattern.compile("^[a-z][a-z0-9-]{0,63}$");
    public static final Pattern OPTION_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private ChatLimits() {
    }
}
