package dev.parceler.signature;

/** What checking one signature found: made by a trusted key, or refused with a reason naming the file and the key. */
public sealed interface SignatureCheck {
    record Verified(String keyId) implements SignatureCheck {
    }

    /** {@code reason} is a whole sentence fragment starting with the signature file's path. */
    record Refused(String reason) implements SignatureCheck {
    }
}
