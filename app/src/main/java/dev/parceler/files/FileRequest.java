package dev.parceler.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The headers of a GET or HEAD that decide how a file is answered, and that decision, made as
 * nginx's static module makes it (its not-modified and range filters), so that a machine or a
 * cache reads the same answer whether Parceler or nginx sends the file:
 * <ul>
 * <li>304 only when every condition given holds: {@code If-Modified-Since} equal to the file's
 * time to the second (exact, not "not newer": a delayed file is often older than a client's
 * copy of the previous version) and {@code If-None-Match} naming the tag (weak comparison,
 * {@code *} alone matches). A malformed date never holds.</li>
 * <li>{@code Range} only with the {@code bytes=} unit, only when {@code If-Range} (when given)
 * is the tag exactly or the file's time exactly; a malformed or unsatisfiable set of ranges is
 * 416; ranges that start at 0 and hold nothing, or that add up to more than the file, give the
 * whole file.</li>
 * </ul>
 */
record FileRequest(String ifNoneMatch, String ifModifiedSince, String range, String ifRange) {

    FileAnswer answer(FileFacts file) {
        if (notModified(file)) {
            return new FileAnswer.NotModified();
        }
        if (range == null || range.length() < 7 || !range.regionMatches(true, 0, "bytes=", 0, 6) || !rangeApplies(file)) {
            return new FileAnswer.Whole();
        }
        return ranges(range.substring(6), file.size());
    }

    private boolean notModified(FileFacts file) {
        if (ifModifiedSince == null && ifNoneMatch == null) {
            return false;
        }
        if (ifModifiedSince != null) {
            Optional<Instant> since = HttpDate.parse(ifModifiedSince);
            if (since.isEmpty() || since.get().getEpochSecond() != file.modified().getEpochSecond()) {
                return false;
            }
        }
        return ifNoneMatch == null || matches(ifNoneMatch.trim(), file.etag());
    }

    /** If-None-Match's weak comparison of a list of tags (nginx's parsing: tags separated by commas). */
    private static boolean matches(String tags, String etag) {
        if (tags.equals("*")) {
            return true;
        }
        int start = 0;
        int end = tags.length();
        while (start < end) {
            if (end - start > 2 && tags.startsWith("W/", start)) {
                start += 2;
            }
            if (tags.startsWith(etag, start)) {
                int after = start + etag.length();
                while (after < end && (tags.charAt(after) == ' ' || tags.charAt(after) == '\t')) {
                    after++;
                }
                if (after == end || tags.charAt(after) == ',') {
                    return true;
                }
            }
            while (start < end && tags.charAt(start) != ',') {
                start++;
            }
            while (start < end && (tags.charAt(start) == ' ' || tags.charAt(start) == '\t' || tags.charAt(start) == ',')) {
                start++;
            }
        }
        return false;
    }

    private boolean rangeApplies(FileFacts file) {
        if (ifRange == null) {
            return true;
        }
        String validator = ifRange.trim();
        if (validator.length() >= 2 && validator.endsWith("\"")) {
            return validator.equals(file.etag());
        }
        return HttpDate.parse(validator).map(date -> date.getEpochSecond() == file.modified().getEpochSecond()).orElse(false);
    }

    /** nginx's reading of the ranges after {@code bytes=}. */
    private static FileAnswer ranges(String spec, long size) {
        List<ByteRange> ranges = new ArrayList<>();
        long total = 0;
        int p = 0;
        int end = spec.length();
        while (true) {
            long start = 0;
            long last;
            boolean suffix = false;
            p = spaces(spec, p);
            if (p < end && spec.charAt(p) != '-') {
                if (!digit(spec, p)) {
                    return new FileAnswer.Unsatisfiable();
                }
                int digits = p;
                while (digit(spec, p)) {
                    p++;
                }
                Optional<Long> parsed = number(spec, digits, p);
                if (parsed.isEmpty()) {
                    return new FileAnswer.Unsatisfiable();
                }
                start = parsed.get();
                p = spaces(spec, p);
                if (p >= end || spec.charAt(p++) != '-') {
                    return new FileAnswer.Unsatisfiable();
                }
                p = spaces(spec, p);
                if (p >= end || spec.charAt(p) == ',') {
                    last = size;
                    total = add(ranges, start, last, total);
                    if (total < 0) {
                        return new FileAnswer.Unsatisfiable();
                    }
                    if (start >= last && start == 0) {
                        return new FileAnswer.Whole();
                    }
                    if (p >= end) {
                        break;
                    }
                    p++;
                    continue;
                }
            } else {
                suffix = true;
                p++;
            }
            if (!digit(spec, p)) {
                return new FileAnswer.Unsatisfiable();
            }
            int digits = p;
            while (digit(spec, p)) {
                p++;
            }
            Optional<Long> parsed = number(spec, digits, p);
            if (parsed.isEmpty()) {
                return new FileAnswer.Unsatisfiable();
            }
            last = parsed.get();
            p = spaces(spec, p);
            if (p < end && spec.charAt(p) != ',') {
                return new FileAnswer.Unsatisfiable();
            }
            if (suffix) {
                start = last < size ? size - last : 0;
                last = size - 1;
            }
            // From here on, as nginx: an exclusive end.
            last = last >= size ? size : last + 1;
            total = add(ranges, start, last, total);
            if (total < 0) {
                return new FileAnswer.Unsatisfiable();
            }
            if (start >= last && start == 0) {
                return new FileAnswer.Whole();
            }
            if (p >= end) {
                break;
            }
            p++;
        }
        if (ranges.isEmpty()) {
            return new FileAnswer.Unsatisfiable();
        }
        if (total > size) {
            return new FileAnswer.Whole();
        }
        return ranges.size() == 1 ? new FileAnswer.Partial(ranges.get(0)) : new FileAnswer.Parts(ranges);
    }

    /** Adds [start, end) when it holds bytes; the new total, or -1 on overflow. */
    private static long add(List<ByteRange> ranges, long start, long end, long total) {
        if (start < end) {
            if (total > Long.MAX_VALUE - (end - start)) {
                return -1;
            }
            ranges.add(new ByteRange(start, end - 1));
            return total + (end - start);
        }
        return total;
    }

    private static Optional<Long> number(String spec, int from, int to) {
        try {
            return Optional.of(Long.parseLong(spec, from, to, 10));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean digit(String spec, int p) {
        return p < spec.length() && spec.charAt(p) >= '0' && spec.charAt(p) <= '9';
    }

    private static int spaces(String spec, int p) {
        while (p < spec.length() && spec.charAt(p) == ' ') {
            p++;
        }
        return p;
    }
}
