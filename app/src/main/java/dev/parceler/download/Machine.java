package dev.parceler.download;

/**
 * The machine behind a download, as far as its realm vouches for it.
 *
 * @param identity what its pins and sightings are kept under: the system id where the realm verified
 *     it, else a keyed hash of the secret ({@code Authorizer.identity})
 * @param claimedId the system id it sent: its rollout bucket, and what {@code repo:fleet} shows
 * @param verified whether the realm's check vouched for {@code claimedId}: only then does a ring's
 *     list of ids, or {@code STAFF_MACHINES}, apply to it
 */
public record Machine(String identity, String claimedId, boolean verified) {
}
