package dev.tessera.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The CLI's version, from the build ({@code version.properties}). */
final class Version implements CommandLine.IVersionProvider {

    static String number() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"tessera-cli " + number(), "Java " + System.getProperty("java.version")};
    }
}
