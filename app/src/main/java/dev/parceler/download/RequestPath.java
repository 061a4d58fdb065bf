package dev.parceler.download;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file part of a download URL, read from the raw request target and decoded segment by
 * segment, so that no encoding ({@code %2e%2e}, {@code %2f}, {@code %5c}, {@code %00}, overlong
 * UTF-8) can name anything outside the served snapshot. Anything doubtful is simply not a file:
 * the caller answers 404.
 */
public final class RequestPath {
    private final String[] raw;

    private RequestPath(String[] raw) {
        this.raw = raw;
    }

    /** The raw request target (path only, still encoded), split once for all the reads below. */
    public static RequestPath of(String rawTarget) {
        return new RequestPath(rawTarget == null ? new String[0] : rawTarget.split("/", -1));
    }

    /** How many segments the target has, counting the empty one before the leading slash. */
    public int length() {
        return raw.length;
    }

    /** Segment {@code index} as sent, still encoded; empty when there is no such segment. */
    public String raw(int index) {
        return index < raw.length ? raw[index] : "";
    }

    /**
     * Segment {@code index} (1 is the first after the leading slash), decoded; empty when there is
     * no such segment or it does not decode. Routes read their names this way rather than through
     * the router's parameters, whose decoding throws on a broken escape.
     */
    public Optional<String> segment(int index) {
        return index < raw.length ? decode(raw[index]) : Optional.empty();
    }

    /**
     * The segments after {@code /repository/<realm>/<name>/} ({@code skip} = 3), or empty when
     * they are not a plain relative file path ({@code .} segments are dropped): empty, {@code ..}, hidden service files,
     * separators, NUL or control characters inside a segment, malformed escapes or UTF-8.
     */
    public Optional<List<String>> fileSegments(int skip) {
        // raw[0] is the empty string before the leading slash.
        if (raw.length <= skip + 1) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>(raw.length - skip - 1);
        for (int i = skip + 1; i < raw.length; i++) {
            if (raw[i].indexOf('\\') >= 0) {
                return Optional.empty();
            }
            Optional<String> decoded = decode(raw[i]);
            if (decoded.isPresent() && decoded.get().equals(".")) {
                continue; // "a/./b" is "a/b", as nginx and RFC 3986 read it: apt's "deb URI ./" asks for "..././InRelease"
            }
            if (decoded.isEmpty() || !plainName(decoded.get())) {
                return Optional.empty();
            }
            segments.add(decoded.get());
        }
        return segments.isEmpty() ? Optional.empty() : Optional.of(segments);
    }

    private static boolean plainName(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.startsWith(".parceler-")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every segment of the raw path, and every name and value of the raw query (null:
     * none), decodes: what the router and the query parser would otherwise fail on.
     */
    public static boolean decodes(String rawPath, String rawQuery) {
        for (String segment : (rawPath == null ? "" : rawPath).split("/", -1)) {
            if (decode(segment).isEmpty()) {
                return false;
            }
        }
        for (String part : (rawQuery == null ? "" : rawQuery).split("[&=]", -1)) {
            if (decode(part).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decoding of one segment into strict UTF-8; {@code +} stays a plus; empty when it does not decode. */
    public static Optional<String> decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return Optional.of(segment);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(segment.charAt(i + 1), 16);
                int low = Character.digit(segment.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
