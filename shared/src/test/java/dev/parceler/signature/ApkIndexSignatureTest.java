package dev.parceler.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/**
 * apk v3 index signatures, on indexes and keys that apk-tools itself made ({@code apk mkndx
 * --sign-key}; {@code src/test/resources/apk/make.sh} says how): each signature of a trusted
 * key verifies, and every other index is refused with its reason.
 */
class ApkIndexSignatureTest {
    private static byte[] fixture(String name) {
        try (InputStream in = Objects.requireNonNull(ApkIndexSignatureTest.class.getResourceAsStream("/apk/" + name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Keyring trusting(String... keyFiles) {
        return new Keyring(Arrays.stream(keyFiles).flatMap(file -> TrustedKey.read(file, fixture(file)).stream()).toList());
    }

    private static String idOf(String keyFile) {
        return TrustedKey.read(keyFile, fixture(keyFile)).get(0).id();
    }

    private static SignatureCheck check(Keyring keys, byte[] index) throws IOException {
        return ApkIndexSignature.check(keys, "packages.adb", new ByteArrayInputStream(index));
    }

    /** The index as apk writes it uncompressed ("ADB."): apk-tools deflates by default ("ADBd"). */
    private static byte[] inflated(byte[] deflated) throws IOException {
        assertThat(new String(deflated, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ADBd");
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(deflated, 4, deflated.length - 4), new Inflater(true))) {
            return in.readAllBytes();
        }
    }

    @Test
    void anIndexSignedByATrustedKeyVerifiesWithApksOwnKeyId() throws IOException {
        assertThat(check(trusting("ec-publisher.pub.pem"), fixture("packages-ec.adb")))
                .isEqualTo(new SignatureCheck.Verified(idOf("ec-publisher.pub.pem")));
        assertThat(check(trusting("other.pub.pem", "rsa-publisher.pub.pem"), fixture("packages-rsa.adb")))
                .isEqualTo(new SignatureCheck.Verified(idOf("rsa-publisher.pub.pem")));
        assertThat(check(trusting("ec-publisher.pub.pem"), inflated(fixture("packages-ec.adb"))))
                .as("uncompressed").isInstanceOf(SignatureCheck.Verified.class);
        assertThat(idOf("ec-publisher.pub.pem")).matches("[0-9a-f]{32}");
    }

    @Test
    void everyOtherIndexIsRefusedWithItsReason() throws IOException {
        Keyring trusted = trusting("ec-publisher.pub.pem");
        String ec = idOf("ec-publisher.pub.pem");
        assertThat(check(trusting("other.pub.pem"), fixture("packages-ec.adb"))).isEqualTo(new SignatureCheck.Refused(
                "packages.adb is signed by key " + ec + ", which is not trusted (trusted: " + idOf("other.pub.pem") + ")"));
        assertThat(check(trusted, fixture("packages-unsigned.adb")))
                .isEqualTo(new SignatureCheck.Refused("packages.adb is not signed: it carries no signature block"));

        // A byte of the index changed after signing (past the 8-byte file header and the block's 4-byte header).
        byte[] tampered = inflated(fixture("packages-ec.adb"));
        tampered[8 + 4 + 20] ^= 1;
        assertThat(check(trusted, tampered)).isEqualTo(new SignatureCheck.Refused(
                "packages.adb does not verify with key " + ec + ": the index is not the one that key signed"));

        byte[] whole = fixture("packages-ec.adb");
        for (byte[] cut : List.of(Arrays.copyOf(whole, whole.length / 2), Arrays.copyOf(inflated(whole), 40))) {
            assertThat(check(trusted, cut)).isInstanceOf(SignatureCheck.Refused.class)
                    .extracting(refused -> ((SignatureCheck.Refused) refused).reason()).asString().startsWith("packages.adb is not");
        }
        assertThat(check(trusted, "Package: hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo(new SignatureCheck.Refused("packages.adb is not an apk v3 index, or is compressed in a way that is not"
                        + " checked (only deflate is)"));
    }
}
