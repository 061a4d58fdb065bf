/**
 * Files of the local disk answered as nginx answers them: conditional requests, byte ranges (one
 * or several), dates, content types, and sendfile for large files. It knows nothing of
 * repositories, snapshots or machines: the download route decides which file, this package how it
 * is sent.
 */
package dev.parceler.files;
