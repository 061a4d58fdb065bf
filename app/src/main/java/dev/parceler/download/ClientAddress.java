package dev.parceler.download;

import dev.parceler.config.AddressRange;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * The address of the client behind a request: the peer itself, unless the peer is a trusted proxy
 * ({@code TRUSTED_PROXIES}: the nginx front), whose {@code X-Forwarded-For} is read from the right,
 * past the trusted proxies, to the first address that is not one. Anyone else's header is
 * ignored: a client cannot choose the address it is counted under. The throttles (sign-in, new
 * machines) count by this address.
 */
public final class ClientAddress {
    /** Request attribute holding the client's address, set at its first use in a request. */
    public static final String ATTRIBUTE = "parceler.client";
    /** Longer headers are not read: a client's own entries to the left are never used anyway. */
    static final int MAX_HEADER = 2048;

    private final List<AddressRange> trusted;

    public ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(range -> AddressRange.parse(range).orElseThrow(
                () -> new IllegalArgumentException("not an address range: " + range))).toList();
    }

    /** The client's address of this request (computed once and kept on it). */
    public String of(Context ctx) {
        String known = ctx.attribute(ATTRIBUTE);
        if (known != null) {
            return known;
        }
        String address = of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
        ctx.attribute(ATTRIBUTE, address);
        return address;
    }

    /** The pure rule: the peer's address and the header it sent (null: none). */
    public String of(String peer, String forwardedFor) {
        if (!trusted(peer) || forwardedFor == null || forwardedFor.isEmpty() || forwardedFor.length() > MAX_HEADER) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            Optional<byte[]> address = AddressRange.literal(hop);
            if (address.isEmpty()) {
                // Junk (or a port, an obfuscated name): nothing further left can be believed.
                return client;
            }
            client = hop;
            if (!trusted(address.get())) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(String peer) {
        return peer != null && AddressRange.literal(peer).map(this::trusted).orElse(false);
    }

    private boolean trusted(byte[] address) {
        for (AddressRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
