package dev.nas.runs.storage;

import java.nio.file.Path;

/** A process that keeps a study open to write, as a running search does, until its standard input closes. */
public final class HoldStudy {

    private HoldStudy() {
    }

    public static void main(String[] args) throws Exception {
        try (H2Storage storage = H2Studies.open(StudyFiles.of(Path.of(args[0])))) {
            System.out.println("open with " + storage.trials().size() + " trial(s)");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the end of input
            }
        }
    }
}
