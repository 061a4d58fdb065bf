package dev.parceler.signature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * A public key a repository's feeds must be signed with: a usign key (opkg's {@code Packages.sig},
 * the files of a firewall's {@code /etc/opkg/keys}), an apk key (the signatures inside apk v3's
 * {@code packages.adb}, a file of {@code /etc/apk/keys}) or an OpenPGP key (apt's {@code InRelease}
 * and {@code Release.gpg}, a file of {@code /etc/apt/keyrings} or {@code /usr/share/keyrings}).
 */
public sealed interface TrustedKey {
    /** The most a key file may hold: an OpenPGP key with its signatures is a few KiB; a keyring of a distribution, some hundred. */
    int MAX_BYTES = 1024 * 1024;

    /** How the key is named to operators: usign's 16-hex-digit key id, or the OpenPGP primary key's fingerprint. */
    String id();

    /** What kind of signature it checks. */
    String kind();

    /** The key as stored and shown: usign's two lines, or an ASCII-armoured OpenPGP public key. */
    String text();

    /**
     * A usign (signify-format Ed25519) public key: "untrusted comment: ..." and the base64 of
     * "Ed", the 8-byte key number and the 32-byte public key.
     */
    record Usign(String id, byte[] publicKey, String text) implements TrustedKey {
        @Override
        public String kind() {
            return "usign";
        }
    }

    /**
     * An apk v3 signing key (a PEM public key of {@code /etc/apk/keys}, ECDSA or RSA): {@code id}
     * is apk's key id, the first 16 bytes of the SHA-512 of the key's public part, in hex.
     */
    record Apk(String id, java.security.PublicKey key, String text) implements TrustedKey {
        @Override
        public String kind() {
            return "apk";
        }

        /** The JCA algorithm apk signs with: SHA-512 with the key's own scheme. */
        String algorithm() {
            return key.getAlgorithm().equals("RSA") ? "SHA512withRSA" : "SHA512withECDSA";
        }
    }

    /** An OpenPGP public key with its subkeys: any of them may have made a signature. */
    record OpenPgp(String id, PGPPublicKeyRing ring, String text) implements TrustedKey {
        @Override
        public String kind() {
            return "openpgp";
        }

        boolean has(long keyId) {
            return ring.getPublicKey(keyId) != null;
        }
    }

    /**
     * The keys in a key file's bytes: one usign key, one apk PEM public key, or one or more
     * OpenPGP keys (armoured or binary, as gpg exports them). Anything else is refused with a reason.
     */
    static List<TrustedKey> read(String source, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidKeyException(source + " holds more than 1 MiB: it is not a public key");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("untrusted comment:")) {
            return List.of(usign(source, text));
        }
        if (text.strip().startsWith("-----BEGIN PUBLIC KEY-----")) {
            return List.of(apk(source, text));
        }
        return openPgp(source, bytes);
    }

    private static Usign usign(String source, String text) {
        String[] lines = text.split("\r?\n");
        if (lines.length < 2) {
            throw new InvalidKeyException(source + " has a usign comment but no key line");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(lines[1].strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(source + " is not a usign public key: its key line is not base64");
        }
        if (decoded.length != 42 || decoded[0] != 'E' || decoded[1] != 'd') {
            throw new InvalidKeyException(source + " is not a usign public key: " + decoded.length
                    + " bytes, not 'Ed', an 8-byte key number and a 32-byte Ed25519 key");
        }
        String id = HexFormat.of().formatHex(decoded, 2, 10);
        byte[] key = java.util.Arrays.copyOfRange(decoded, 10, 42);
        return new Usign(id, key, lines[0].strip() + "\n" + lines[1].strip() + "\n");
    }

    private static Apk apk(String source, String text) {
        String body = text.strip().replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            byte[] publicPart = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(der).getPublicKeyData().getBytes();
            byte[] digest = java.security.MessageDigest.getInstance("SHA-512").digest(publicPart);
            java.security.spec.X509EncodedKeySpec spec = new java.security.spec.X509EncodedKeySpec(der);
            java.security.PublicKey key;
            try {
                key = java.security.KeyFactory.getInstance("EC").generatePublic(spec);
            } catch (java.security.spec.InvalidKeySpecException notEc) {
                key = java.security.KeyFactory.getInstance("RSA").generatePublic(spec);
            }
            String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
            return new Apk(HexFormat.of().formatHex(digest, 0, 16), key, pem);
        } catch (IllegalArgumentException | java.security.GeneralSecurityException | IllegalStateException e) {
            throw new InvalidKeyException(source + " is not an apk signing key: a PEM public key, ECDSA or RSA");
        }
    }

    private static List<TrustedKey> openPgp(String source, byte[] bytes) {
        List<TrustedKey> keys = new ArrayList<>();
        try {
            PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(
                    PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes)), new BcKeyFingerprintCalculator());
            for (PGPPublicKeyRing ring : rings) {
                PGPPublicKey primary = ring.getPublicKey();
                keys.add(new OpenPgp(HexFormat.of().withUpperCase().formatHex(primary.getFingerprint()), ring, armoured(ring)));
            }
        } catch (IOException | PGPException | RuntimeException e) {
            throw new InvalidKeyException(source + " is neither a usign, an apk nor an OpenPGP public key");
        }
        if (keys.isEmpty()) {
            throw new InvalidKeyException(source + " is neither a usign, an apk nor an OpenPGP public key");
        }
        return keys;
    }

    private static String armoured(PGPPublicKeyRing ring) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armour = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            ring.encode(armour);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
