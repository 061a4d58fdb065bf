package dev.parceler.config;

/**
 * A value from a request (a path, a system id, a name tried) as it may appear in one log line:
 * line breaks, other control characters and the Unicode line separators written as escapes, so
 * that nothing a client sends can start a line of its own or move the terminal's cursor, and cut
 * to a bounded length. Every log message passes through it ({@link EscapedMessageConverter});
 * the access log uses it for each field too, so a field cannot end early either.
 */
public final class LogText {
    /** The most characters of one value kept; the rest is counted. */
    public static final int MAX_CHARS = 512;

    private LogText() {
    }

    public static String escape(String value) {
        return escape(value, MAX_CHARS);
    }

    public static String escape(String value, int maxChars) {
        if (value == null) {
            return "-";
        }
        StringBuilder escaped = null;
        int length = Math.min(value.length(), maxChars);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(length + 16).append(value, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        String text = escaped != null ? escaped.toString() : value.substring(0, length);
        return value.length() > maxChars ? text + "...(" + (value.length() - maxChars) + " more)" : text;
    }

    private static String replacement(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            return String.format("\\x%02x", (int) c);
        }
        if (c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
            // Line separators, and the bidirectional controls that reorder what a reader sees.
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
