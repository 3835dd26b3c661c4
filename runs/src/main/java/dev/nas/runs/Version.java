package dev.nas.runs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of nas running, from the jar manifest; "development" when run from classes. */
public final class Version {

    private Version() {
    }

    public static String nas() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /** The version of a library on the class path, from the Maven metadata in its jar; "unknown" without it. */
    public static String library(String group, String artifact) {
        Properties pom = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact
                + "/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            pom.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return pom.getProperty("version", "unknown");
    }
}
