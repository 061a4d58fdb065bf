package dev.parceler.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Generated input for the parsers that read what clients and upstream send: each property runs on
 * a fixed number of inputs from a fixed seed, so a failure is the same on every run and names the
 * input that caused it.
 */
public final class Inputs {
    /** Characters that break parsers and logs: controls, C1, line and paragraph separators, bidi, surrogates, NUL. */
    private static final int[] AWKWARD = {0, '\t', '\n', '\r', 0x07, 0x1b, 0x7f, 0x85, 0x9f, 0xa0, 0x2028, 0x2029, 0x202e, 0xfeff,
        0xd800, 0xdfff, '%', ':', '/', '\\', '.', ' ', '"', '='};

    private final Random random;

    private Inputs(long seed) {
        random = new Random(seed);
    }

    /** Runs {@code property} on {@code tries} inputs made by {@code make}; a failure says which input, and which try. */
    public static <T> void check(int tries, long seed, Function<Inputs, T> make, Consumer<T> property) {
        Inputs inputs = new Inputs(seed);
        for (int i = 0; i < tries; i++) {
            T input = make.apply(inputs);
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("try " + i + " of seed " + seed + " fails on " + shown(input) + ": " + e.getMessage(), e);
            }
        }
    }

    private static String shown(Object input) {
        if (input instanceof byte[] bytes) {
            return bytes.length + " bytes " + java.util.HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 64));
        }
        String text = String.valueOf(input);
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().limit(200).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c)));
        return out.append('"').toString();
    }

    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    public long between(long min, long max) {
        return min + (long) (random.nextDouble() * (max - min + 1));
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Any text up to {@code maxLength} UTF-16 units: mostly printable ASCII, often awkward characters, sometimes any code unit. */
    public String text(int maxLength) {
        int length = between(0, maxLength);
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                out.append((char) between(0x20, 0x7e));
            } else if (kind < 8) {
                out.append((char) AWKWARD[random.nextInt(AWKWARD.length)]);
            } else if (kind < 9) {
                out.appendCodePoint(between(0xa1, 0x2fff));
            } else {
                out.append((char) random.nextInt(0x10000));
            }
        }
        return out.substring(0, Math.min(out.length(), length));
    }

    /** Text of characters from {@code first} to {@code last} only. */
    public String text(int minLength, int maxLength, char first, char last) {
        int length = between(minLength, maxLength);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) between(first, last));
        }
        return out.toString();
    }

    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[between(0, maxLength)];
        random.nextBytes(bytes);
        // Half of the inputs are mostly text, which reaches further into a text format's parser than noise does.
        if (random.nextBoolean()) {
            String alphabet = "Package: Filename: Size: \n\n\r\n x.ipk 12 :";
            for (int i = 0; i < bytes.length; i++) {
                if (random.nextInt(8) != 0) {
                    bytes[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                }
            }
        }
        return bytes;
    }

    /** Up to {@code maxSize} elements, each made by {@code make}. */
    public <T> List<T> list(int maxSize, Function<Inputs, T> make) {
        int size = between(0, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(make.apply(this));
        }
        return list;
    }
}
