package dev.parceler.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An address range in CIDR form ({@code 172.16.0.0/12}, {@code ::1/128}; a bare address is a range
 * of one). Only literal addresses are read: nothing here ever asks a name server.
 */
public record AddressRange(byte[] network, int prefix) {
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public static boolean valid(String text) {
        return parse(text).isPresent();
    }

    public static Optional<AddressRange> parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Optional<byte[]> bytes = literal(address);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        int bits = bytes.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return prefix < 0 || prefix > bits ? Optional.empty() : Optional.of(new AddressRange(bytes.get(), prefix));
    }

    /** The bytes of a literal IPv4 or IPv6 address; empty for anything else (a host name is never looked up). */
    public static Optional<byte[]> literal(String address) {
        if (address.isEmpty() || address.length() > 45 || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return Optional.empty();
        }
        if (address.indexOf(':') < 0 && !IPV4.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (network[whole] & mask);
    }
}
