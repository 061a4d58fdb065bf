package dev.parceler.files;

/** Bytes {@code first} to {@code last} of a file, both included, as a {@code Range} header asks for them. */
record ByteRange(long first, long last) {
    ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
        }
    }

    long length() {
        return last - first + 1;
    }

    /** The value of {@code Content-Range} for this range of a file of {@code size} bytes. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }
}
