package dev.parceler.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * apk v3's signature of a feed: {@code packages.adb} is an ADB file (apk-tools' {@code adb.h}):
 * "ADB." and a schema, then blocks, each a little-endian type and size, 8-byte aligned. The first
 * block holds the index; each signature block after it holds a version (0), a hash algorithm, the
 * 16-byte id of the key that signed and the signature of (schema, that header, the index block's
 * hash) by SHA-512 with ECDSA or RSA. A file may be deflated first ("ADBd", or "ADBc" with its
 * algorithm). One signature by a trusted key, and valid, is enough, as for apk.
 */
public final class ApkIndexSignature {
    /** The largest index read, decompressed: an OpenWrt feed's packages.adb is a few MiB. */
    public static final int MAX_INDEX_BYTES = 128 * 1024 * 1024;

    private static final int BLOCK_ADB = 0;
    private static final int BLOCK_SIG = 1;
    private static final int BLOCK_EXT = 3;
    private static final int DIGEST_SHA256 = 3;
    private static final int DIGEST_SHA512 = 4;
    private static final int DIGEST_SHA256_160 = 5;

    private ApkIndexSignature() {
    }

    public static SignatureCheck check(Keyring keys, String path, InputStream opened) throws IOException {
        byte[] file;
        try (InputStream in = opened) {
            Optional<byte[]> read;
            try {
                read = decompressed(in);
            } catch (java.io.EOFException | java.util.zip.ZipException e) {
                return new SignatureCheck.Refused(path + " is not a whole apk v3 index: its compressed data is cut short or broken");
            }
            if (read.isEmpty()) {
                return new SignatureCheck.Refused(path + " is not an apk v3 index, or is compressed in a way that is not checked"
                        + " (only deflate is)");
            }
            file = read.get();
        }
        if (file.length > MAX_INDEX_BYTES) {
            return new SignatureCheck.Refused(path + " holds more than " + (MAX_INDEX_BYTES >> 20) + " MiB: its signature is not checked");
        }
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 8 || buffer.getInt(0) != 0x2e424441) {
            return new SignatureCheck.Refused(path + " is not an apk v3 index: no ADB header");
        }
        int schema = buffer.getInt(4);
        int at = 8;
        byte[] index = null;
        Set<String> signers = new LinkedHashSet<>();
        String failedKey = null;
        while (at + 4 <= file.length) {
            int typeSize = buffer.getInt(at);
            int type = typeSize >>> 30;
            long rawSize = typeSize & 0x3fffffff;
            int headerSize = 4;
            if (type == BLOCK_EXT) {
                if (at + 16 > file.length) {
                    break;
                }
                type = typeSize & 0x3fffffff;
                rawSize = buffer.getLong(at + 8);
                headerSize = 16;
            }
            if (rawSize < headerSize || at + rawSize > file.length) {
                return new SignatureCheck.Refused(path + " is not an apk v3 index: a block runs past the end of the file");
            }
            byte[] payload = Arrays.copyOfRange(file, at + headerSize, (int) (at + rawSize));
            if (index == null) {
                if (type != BLOCK_ADB) {
                    return new SignatureCheck.Refused(path + " is not an apk v3 index: it does not start with its index block");
                }
                index = payload;
            } else if (type == BLOCK_SIG && payload.length > 18 && payload[0] == 0) {
                String keyId = HexFormat.of().formatHex(payload, 2, 18);
                signers.add(keyId);
                Optional<TrustedKey.Apk> key = keys.apk(keyId);
                if (key.isPresent()) {
                    if (verifies(key.get(), schema, payload, index)) {
                        return new SignatureCheck.Verified(keyId);
                    }
                    failedKey = keyId;
                }
            } else if (type != BLOCK_SIG) {
                break; // the data blocks follow the signatures
            }
            at += (int) ((rawSize + 7) & ~7L);
        }
        if (failedKey != null) {
            return new SignatureCheck.Refused(path + " does not verify with key " + failedKey + ": the index is not the one that key signed");
        }
        if (signers.isEmpty()) {
            return new SignatureCheck.Refused(path + " is not signed: it carries no signature block");
        }
        return new SignatureCheck.Refused(path + " is signed by key " + String.join(", ", signers) + ", which is not trusted (trusted: "
                + keys.ids() + ")");
    }

    private static boolean verifies(TrustedKey.Apk key, int schema, byte[] signature, byte[] index) {
        try {
            byte[] digest = switch (signature[1]) {
                case DIGEST_SHA512 -> MessageDigest.getInstance("SHA-512").digest(index);
                case DIGEST_SHA256 -> MessageDigest.getInstance("SHA-256").digest(index);
                case DIGEST_SHA256_160 -> Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(index), 20);
                default -> null;
            };
            if (digest == null) {
                return false;
            }
            Signature verifier = Signature.getInstance(key.algorithm());
            verifier.initVerify(key.key());
            verifier.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(schema).array());
            verifier.update(signature, 0, 18);
            verifier.update(digest);
            return verifier.verify(signature, 18, signature.length - 18);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The ADB file itself: as it is ("ADB."), or inflated ("ADBd", or "ADBc" with algorithm 1); empty for anything else. */
    private static Optional<byte[]> decompressed(InputStream in) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4 || magic[0] != 'A' || magic[1] != 'D' || magic[2] != 'B') {
            return Optional.empty();
        }
        InputStream body;
        switch (magic[3]) {
            case '.' -> body = new java.io.SequenceInputStream(new ByteArrayInputStream(magic), in);
            case 'd' -> body = new InflaterInputStream(in, new Inflater(true), 64 * 1024);
            case 'c' -> {
                byte[] spec = in.readNBytes(2);
                if (spec.length < 2 || spec[0] != 1) {
                    return Optional.empty();
                }
                body = new InflaterInputStream(in, new Inflater(true), 64 * 1024);
            }
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(body.readNBytes(MAX_INDEX_BYTES + 1));
    }
}
