package dev.parceler.storage;

import java.util.ArrayList;
import java.util.List;

/** Disk path arithmetic shared by every {@link Disk}: joining, and refusing anything that leaves the root. */
public final class DiskPath {
    private DiskPath() {
    }

    /** Joins segments with {@code /}, dropping empty ones and {@code .}. */
    public static String join(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            for (String segment : part.split("/")) {
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                if (joined.length() > 0) {
                    joined.append('/');
                }
                joined.append(segment);
            }
        }
        return joined.toString();
    }

    /**
     * The segments of a relative disk path, or {@link OutsideDiskException} when it is absolute,
     * climbs with {@code ..}, or holds a backslash or NUL (never part of a name Parceler writes).
     */
    public static List<String> segments(String path) {
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            throw new OutsideDiskException(path);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new OutsideDiskException(path);
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
