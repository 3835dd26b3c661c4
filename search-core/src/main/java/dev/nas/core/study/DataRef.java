package dev.nas.core.study;

/**
 * The data a study trains on, for provenance and to refuse resuming on different data.
 *
 * @param description where it came from and how it was split, in words
 * @param sha256      hash of the files read
 */
public record DataRef(String description, String sha256) {

    @Override
    public String toString() {
        return description + " (sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
    }
}
