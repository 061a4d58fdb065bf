package dev.parceler.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * opkg's signature of a feed: {@code Packages.sig} beside {@code Packages}, made by usign (or
 * OpenBSD's signify, the same format): "untrusted comment: ..." and the base64 of "Ed", the
 * 8-byte number of the key that signed and the 64-byte Ed25519 signature of the whole
 * {@code Packages} file. opkg verifies it with the key of that number in {@code /etc/opkg/keys}.
 */
public final class UsignSignature {
    /**
     * The largest index whose signature is checked: Ed25519 signs the whole message, so the check
     * holds it (an OpenWrt feed's Packages is a few MiB).
     */
    public static final int MAX_SIGNED_BYTES = 128 * 1024 * 1024;

    private UsignSignature() {
    }

    /**
     * Checks {@code signature} (the bytes of {@code signaturePath}) against the index read from
     * {@code index} (named {@code indexPath}) and the usign keys of {@code keys}.
     */
    public static SignatureCheck check(Keyring keys, String signaturePath, byte[] signature, String indexPath, InputStream index)
            throws IOException {
        Optional<byte[]> decoded = decode(signature);
        if (decoded.isEmpty()) {
            return new SignatureCheck.Refused(signaturePath + " is not a usign signature (a comment line and the base64 of 'Ed',"
                    + " a key number and 64 bytes)");
        }
        byte[] bytes = decoded.get();
        String keyId = HexFormat.of().formatHex(bytes, 2, 10);
        Optional<TrustedKey.Usign> key = keys.usign(keyId);
        if (key.isEmpty()) {
            return new SignatureCheck.Refused(signaturePath + " is signed by key " + keyId + ", which is not trusted (trusted: "
                    + keys.ids() + ")");
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key.get().publicKey(), 0));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = index) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > MAX_SIGNED_BYTES) {
                    return new SignatureCheck.Refused(indexPath + " holds more than " + (MAX_SIGNED_BYTES >> 20)
                            + " MiB: its signature is not checked, and it is not served");
                }
                verifier.update(buffer, 0, read);
            }
        }
        if (!verifier.verifySignature(java.util.Arrays.copyOfRange(bytes, 10, 74))) {
            return new SignatureCheck.Refused(signaturePath + " does not verify " + indexPath + " with key " + keyId
                    + ": the index is not the one that key signed");
        }
        return new SignatureCheck.Verified(keyId);
    }

    private static Optional<byte[]> decode(byte[] signature) {
        String[] lines = new String(signature, StandardCharsets.UTF_8).split("\r?\n");
        if (lines.length < 2 || !lines[0].startsWith("untrusted comment:")) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(lines[1].strip());
            return bytes.length == 74 && bytes[0] == 'E' && bytes[1] == 'd' ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
