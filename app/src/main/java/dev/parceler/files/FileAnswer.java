package dev.parceler.files;

import java.util.List;

/** How a file is answered once the request's conditions and ranges are weighed: see {@link FileRequest#answer}. */
sealed interface FileAnswer {
    /** 200 with the whole file. */
    record Whole() implements FileAnswer {
    }

    /** 304: the validators of the 200 answer, no body, no length. */
    record NotModified() implements FileAnswer {
    }

    /** 206 with one range, {@code Content-Range} naming it. */
    record Partial(ByteRange range) implements FileAnswer {
    }

    /** 206 {@code multipart/byteranges}: several ranges, each a part with its own {@code Content-Range}. */
    record Parts(List<ByteRange> ranges) implements FileAnswer {
        public Parts {
            ranges = List.copyOf(ranges);
        }
    }

    /** 416: {@code Content-Range: bytes *}{@code /<size>}, no body. */
    record Unsatisfiable() implements FileAnswer {
    }
}
