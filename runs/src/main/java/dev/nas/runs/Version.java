package dev.nas.runs;

/** The version of nas running, from the jar manifest; "development" when run from classes. */
public final class Version {

    private Version() {
    }

    public static String nas() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
