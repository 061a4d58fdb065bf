package dev.parceler.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The key files an operator names: each a key file, or a folder of them as a firewall has
 * ({@code /etc/opkg/keys}, one usign key per file) or apt has ({@code /etc/apt/keyrings}).
 */
public final class KeyFiles {
    private KeyFiles() {
    }

    public static List<TrustedKey> read(List<Path> given) {
        List<TrustedKey> keys = new ArrayList<>();
        for (Path path : given) {
            if (!Files.exists(path)) {
                throw new InvalidKeyException("The key file " + path + " does not exist.");
            }
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> listed = Files.list(path)) {
                    files = listed.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                            || Files.isRegularFile(file)).sorted().limit(TrustedKeyStore.MAX_KEYS + 1L).toList();
                } catch (IOException e) {
                    throw new InvalidKeyException("Cannot read the key folder " + path + ": " + e.getMessage());
                }
                if (files.isEmpty()) {
                    throw new InvalidKeyException("The key folder " + path + " holds no file");
                }
                files.forEach(file -> keys.addAll(readFile(file)));
            } else {
                keys.addAll(readFile(path));
            }
        }
        return keys;
    }

    private static List<TrustedKey> readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return TrustedKey.read(file.toString(), in.readNBytes(TrustedKey.MAX_BYTES + 1));
        } catch (IOException e) {
            throw new InvalidKeyException("Cannot read the key file " + file + ": " + e.getMessage());
        }
    }
}
