package dev.nas.eval.data;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over every byte read through the streams it wrapped, and every name it was given, in order. */
final class Hasher {

    private final MessageDigest digest;

    Hasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    InputStream wrap(InputStream in) {
        return new DigestInputStream(in, digest);
    }

    /** Adds a name (a file's path in a folder of images, which says its class) to what is hashed. */
    void name(String name) {
        digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The hash of what was read so far, leaving the hasher to go on. */
    String peek() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }
}
