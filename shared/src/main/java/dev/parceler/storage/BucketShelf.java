package dev.parceler.storage;

import dev.parceler.config.BackupSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Backups kept off the machine, in the bucket's {@code backups/} folder: each is uploaded once
 * written, then removed from {@code BACKUP_DIR}, so the machine holds none between backups.
 */
final class BucketShelf implements BackupShelf {
    private final S3Disk bucket;
    private final Path staging;

    BucketShelf(S3Disk bucket, Path staging) {
        this.bucket = bucket;
        this.staging = staging;
    }

    @Override
    public String describe() {
        return "s3://" + bucket.bucket() + "/" + BackupSettings.S3_FOLDER + "/";
    }

    @Override
    public void shelve(Path written) throws IOException {
        bucket.upload(DiskPath.join(BackupSettings.S3_FOLDER, written.getFileName().toString()), written);
        Files.delete(written);
    }

    @Override
    public List<String> names() {
        return bucket.objects(BackupSettings.S3_FOLDER).stream()
                .map(object -> object.path().substring(BackupSettings.S3_FOLDER.length() + 1))
                .filter(name -> NAME.matcher(name).matches())
                .sorted(Comparator.reverseOrder()).toList();
    }

    @Override
    public void remove(String name) {
        bucket.deleteFile(DiskPath.join(BackupSettings.S3_FOLDER, name));
    }

    @Override
    public Path fetch(String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new NoSuchFileException(name, null, "not the name of a backup");
        }
        Files.createDirectories(staging);
        Path file = staging.resolve(name);
        Path partial = staging.resolve("." + name + ".fetching");
        Files.deleteIfExists(partial);
        if (!bucket.download(DiskPath.join(BackupSettings.S3_FOLDER, name), partial)) {
            throw new NoSuchFileException(name, null, "no such backup in " + describe());
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    @Override
    public void close() {
        bucket.close();
    }
}
