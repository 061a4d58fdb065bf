package dev.parceler.signature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * apt's signatures of a repository: {@code Release.gpg}, a detached OpenPGP signature of
 * {@code Release}, and {@code InRelease}, {@code Release} clear-signed (RFC 4880, section 7).
 * Either may carry several signatures (a distribution signs with more than one key); one made by
 * a trusted key, and valid, is enough, as for apt's {@code Signed-By}.
 */
public final class OpenPgpSignature {
    /** The largest clear-signed file read: Debian's own InRelease files are under 1 MiB. */
    public static final int MAX_CLEAR_SIGNED_BYTES = 64 * 1024 * 1024;

    private OpenPgpSignature() {
    }

    /** What a clear-signed file says, and whether its signature holds: {@code text} is the signed text, lines ended by '\n'. */
    public record ClearSigned(SignatureCheck check, byte[] text) {
    }

    /** Checks {@code signature} (the bytes of {@code signaturePath}), detached, against the file read from {@code data}. */
    public static SignatureCheck detached(Keyring keys, String signaturePath, byte[] signature, String dataPath, InputStream data)
            throws IOException {
        List<PGPSignature> signatures;
        try {
            signatures = signatures(PGPUtil.getDecoderStream(new ByteArrayInputStream(signature)));
        } catch (IOException | PGPException | RuntimeException e) {
            try (InputStream ignored = data) {
                return notASignature(signaturePath);
            }
        }
        List<PGPSignature> trusted = trusted(keys, signatures);
        if (trusted.isEmpty()) {
            data.close();
            return untrusted(keys, signaturePath, signatures);
        }
        byte[] buffer = new byte[64 * 1024];
        boolean[] lastWasCr = {false};
        try (InputStream in = data) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (PGPSignature each : trusted) {
                    if (each.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT) {
                        updateCanonical(each, buffer, read, lastWasCr[0]);
                    } else {
                        each.update(buffer, 0, read);
                    }
                }
                lastWasCr[0] = read > 0 && buffer[read - 1] == '\r';
            }
        }
        return verdict(keys, signaturePath, dataPath, trusted);
    }

    /** Checks the clear-signed file read from {@code in}, named {@code path}, and returns the text it signs. */
    public static ClearSigned clearSigned(Keyring keys, String path, InputStream in) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        List<PGPSignature> signatures;
        try (InputStream source = in; ArmoredInputStream armour = ArmoredInputStream.builder().build(source)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long total = 0;
            int lookAhead = readLine(line, armour.read(), armour);
            if (!armour.isClearText()) {
                return new ClearSigned(new SignatureCheck.Refused(path + " is not a clear-signed OpenPGP message"), new byte[0]);
            }
            lines.add(withoutEnd(line.toByteArray()));
            while (lookAhead != -1 && armour.isClearText()) {
                lookAhead = readLine(line, lookAhead, armour);
                total += line.size();
                if (total > MAX_CLEAR_SIGNED_BYTES) {
                    return new ClearSigned(new SignatureCheck.Refused(path + " holds more than " + (MAX_CLEAR_SIGNED_BYTES >> 20)
                            + " MiB: it is not a Release file"), new byte[0]);
                }
                lines.add(withoutEnd(line.toByteArray()));
            }
            signatures = signatures(armour);
        } catch (IOException | PGPException | RuntimeException e) {
            return new ClearSigned(new SignatureCheck.Refused(path + " is not a clear-signed OpenPGP message: "
                    + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT)), new byte[0]);
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            text.write(line, 0, line.length);
            text.write('\n');
        }
        List<PGPSignature> trusted = trusted(keys, signatures);
        if (trusted.isEmpty()) {
            return new ClearSigned(untrusted(keys, path, signatures), text.toByteArray());
        }
        // The signed text: each line without its trailing white space, lines joined by CR LF, the last without one.
        for (PGPSignature each : trusted) {
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    each.update(new byte[] {'\r', '\n'});
                }
                byte[] line = lines.get(i);
                each.update(line, 0, withoutTrailingSpace(line));
            }
        }
        return new ClearSigned(verdict(keys, path, path, trusted), text.toByteArray());
    }

    private static List<PGPSignature> signatures(InputStream in) throws IOException, PGPException {
        List<PGPSignature> found = new ArrayList<>();
        BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
        for (Object object = objects.nextObject(); object != null; object = objects.nextObject()) {
            if (object instanceof PGPCompressedData compressed) {
                objects = new BcPGPObjectFactory(compressed.getDataStream());
            } else if (object instanceof PGPSignatureList list) {
                list.forEach(found::add);
            }
            if (found.size() > 64) {
                break; // a real file carries a handful
            }
        }
        if (found.isEmpty()) {
            throw new PGPException("no signature");
        }
        return found;
    }

    private static List<PGPSignature> trusted(Keyring keys, List<PGPSignature> signatures) {
        List<PGPSignature> trusted = new ArrayList<>();
        for (PGPSignature signature : signatures) {
            keys.openPgp(signature.getKeyID()).ifPresent(key -> {
                try {
                    signature.init(new BcPGPContentVerifierBuilderProvider(), key.ring().getPublicKey(signature.getKeyID()));
                    trusted.add(signature);
                } catch (PGPException e) {
                    // a key that cannot check this signature's algorithm does not make it trusted
                }
            });
        }
        return trusted;
    }

    private static SignatureCheck verdict(Keyring keys, String signaturePath, String dataPath, List<PGPSignature> trusted) {
        String keyId = "";
        for (PGPSignature signature : trusted) {
            keyId = keys.openPgp(signature.getKeyID()).map(TrustedKey::id).orElse("");
            try {
                if (signature.verify()) {
                    return new SignatureCheck.Verified(keyId);
                }
            } catch (PGPException e) {
                // a malformed signature does not verify
            }
        }
        return new SignatureCheck.Refused(signaturePath + " does not verify " + dataPath + " with key " + keyId
                + ": the file is not the one that key signed");
    }

    private static SignatureCheck untrusted(Keyring keys, String path, List<PGPSignature> signatures) {
        List<String> ids = signatures.stream().map(each -> String.format(Locale.ROOT, "%016X", each.getKeyID())).distinct().toList();
        return new SignatureCheck.Refused(path + " is signed by key " + String.join(", ", ids) + ", which is not trusted (trusted: "
                + keys.ids() + ")");
    }

    private static SignatureCheck notASignature(String path) {
        return new SignatureCheck.Refused(path + " is not an OpenPGP signature");
    }

    /** A text signature is of the text with CR LF line ends: a lone LF counts as CR LF. */
    private static void updateCanonical(PGPSignature signature, byte[] buffer, int length, boolean lastWasCr) {
        boolean previousCr = lastWasCr;
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (b == '\n' && !previousCr) {
                signature.update((byte) '\r');
            }
            signature.update(b);
            previousCr = b == '\r';
        }
    }

    private static int readLine(ByteArrayOutputStream line, int first, InputStream in) throws IOException {
        line.reset();
        int ch = first;
        while (ch >= 0) {
            line.write(ch);
            if (ch == '\r' || ch == '\n') {
                int next = in.read();
                if (ch == '\r' && next == '\n') {
                    line.write(next);
                    next = in.read();
                }
                return next;
            }
            if (line.size() > 1024 * 1024) {
                throw new IOException("a line longer than 1 MiB");
            }
            ch = in.read();
        }
        return -1;
    }

    private static byte[] withoutEnd(byte[] line) {
        int length = line.length;
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
            length--;
        }
        return java.util.Arrays.copyOf(line, length);
    }

    private static int withoutTrailingSpace(byte[] line) {
        int length = line.length;
        while (length > 0 && (line[length - 1] == ' ' || line[length - 1] == '\t')) {
            length--;
        }
        return length;
    }
}
