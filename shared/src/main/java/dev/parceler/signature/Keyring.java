package dev.parceler.signature;

import java.util.List;
import java.util.Optional;

/** The keys one repository's feeds must be signed with; empty when its signatures are not checked. */
public record Keyring(List<TrustedKey> keys) {
    public static final Keyring NONE = new Keyring(List.of());

    public Keyring {
        keys = List.copyOf(keys);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    Optional<TrustedKey.Usign> usign(String id) {
        return keys.stream().filter(key -> key instanceof TrustedKey.Usign).map(key -> (TrustedKey.Usign) key)
                .filter(key -> key.id().equals(id)).findFirst();
    }

    Optional<TrustedKey.Apk> apk(String id) {
        return keys.stream().filter(key -> key instanceof TrustedKey.Apk).map(key -> (TrustedKey.Apk) key)
                .filter(key -> key.id().equals(id)).findFirst();
    }

    Optional<TrustedKey.OpenPgp> openPgp(long keyId) {
        return keys.stream().filter(key -> key instanceof TrustedKey.OpenPgp).map(key -> (TrustedKey.OpenPgp) key)
                .filter(key -> key.has(keyId)).findFirst();
    }

    /** The ids of the keys, for messages: "none" when there are none. */
    public String ids() {
        return keys.isEmpty() ? "none" : String.join(", ", keys.stream().map(TrustedKey::id).toList());
    }
}
