package io.jrunc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * jrunc's version, the git commit it was built from and the OCI runtime-spec version it
 * implements. The commit comes from the resource {@code io/jrunc/version.properties}
 * ({@code commit=<sha>}) that the build writes; without it the commit is "unknown".
 */
public record VersionInfo(String version, String commit, String specVersion) {

    public static final String VERSION = "0.1.0";
    static final String RESOURCE = "/io/jrunc/version.properties";

    /** Reads the build's resource; only --version, help and features need it. */
    public static VersionInfo load() {
        String commit = "unknown";
        String version = VERSION;
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String l = line.strip();
                    if (l.startsWith("commit=") && l.length() > 7 && !l.contains("${")) {
                        commit = l.substring(7).strip();
                    } else if (l.startsWith("version=") && l.length() > 8 && !l.contains("${")) {
                        version = l.substring(8).strip();
                    }
                }
            }
        } catch (IOException e) {
            // an unreadable resource only costs the commit line its value
        }
        return new VersionInfo(version, commit, io.jrunc.spec.Spec.VERSION);
    }

    /** What follows "jrunc version ": the version line and the commit and spec lines. */
    public String text() {
        return version + "\ncommit: " + commit + "\nspec: " + specVersion;
    }
}
