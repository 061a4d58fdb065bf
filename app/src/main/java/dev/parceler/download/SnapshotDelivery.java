package dev.parceler.download;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;

/**
 * The last step of a download, once the machine is authorized and the repository's served
 * snapshot is known: answers with the file, or says that the snapshot has no such file. One
 * implementation per disk.
 */
interface SnapshotDelivery {

    /**
     * @param snapshotPath disk path of the served snapshot folder
     * @param segments the requested file's path inside it, already checked to stay inside
     * @return false, with nothing answered, when the snapshot has no such file
     */
    boolean deliver(Context ctx, String snapshotPath, List<String> segments) throws IOException;

    /** Whether the snapshot has the file, without answering: a request may record only what exists. */
    boolean has(String snapshotPath, List<String> segments) throws IOException;
}
