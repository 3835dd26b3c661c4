package dev.nas.core.study;

import java.util.List;
import java.util.Optional;

/**
 * What a study's candidates were scored on, for provenance and to refuse resuming on different data: images they
 * were trained on, or a tabular benchmark they were looked up in.
 */
public sealed interface DataRef permits DataRef.Images, DataRef.Table {

    /** Where it came from and how it was split, in words; stored with the study. */
    String description();

    /** Hash of the files read. */
    String sha256();

    /**
     * The {@code DataRef} a study stored as {@code description}: a table's description is {@link Table#PREFIX} and
     * its file, which is how studies have always stored it, and {@link Table#UNTIMED} after it if it has no latencies.
     * Images keep their {@code classNames} and {@code normalization}.
     */
    static DataRef stored(String description, String sha256, List<String> classNames,
                          Optional<ChannelStats> normalization) {
        if (!description.startsWith(Table.PREFIX)) {
            return new Images(description, sha256, classNames, normalization);
        }
        String file = description.substring(Table.PREFIX.length());
        return file.endsWith(Table.UNTIMED)
                ? new Table(file.substring(0, file.length() - Table.UNTIMED.length()), sha256, false)
                : new Table(file, sha256, true);
    }

    /**
     * Images candidates were trained and validated on.
     *
     * @param classNames    the classes' names in label order, where the data names them (image folders, CIFAR);
     *                      else empty
     * @param normalization the training images' channel statistics, where the space normalises by them
     */
    record Images(String description, String sha256, List<String> classNames, Optional<ChannelStats> normalization)
            implements DataRef {

        public Images {
            classNames = List.copyOf(classNames);
        }

        /** Images whose classes have no names, not normalised. */
        public Images(String description, String sha256) {
            this(description, sha256, List.of(), Optional.empty());
        }

        @Override
        public String toString() {
            return description + " (sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
        }
    }

    /**
     * A tabular benchmark candidates were looked up in, without training.
     *
     * @param timed whether it has every candidate's latency; without, the study's front has no latency
     */
    record Table(String file, String sha256, boolean timed) implements DataRef {

        static final String PREFIX = "tabular benchmark ";
        static final String UNTIMED = ", without latencies";

        @Override
        public String description() {
            return PREFIX + file + (timed ? "" : UNTIMED);
        }
    }
}
