package dev.tessera.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where the commands go: the management API's base URL, the data plane's, the API key (null when none is
 * configured) and the config file they came from. {@link #toString} leaves the key out.
 */
record Target(String url, String dataPlaneUrl, String apiKey, Path configFile) {

    /** The data plane on its default port 8081, on the management API's host. */
    static String dataPlaneOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority().replaceFirst("(:\\d+)?$", "") + ":8081";
    }

    /** An http(s) URL with a host, without a trailing slash; else a usage error naming where it came from. */
    static String normalise(String text, String what) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new CliException(ExitCode.USAGE, what + " must be an http:// or https:// URL with a host, e.g. "
                        + TesseraCli.DEFAULT_URL + "; not " + text);
            }
            return uri.toString().replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            throw new CliException(ExitCode.USAGE, what + " is not a URL: " + text);
        }
    }

    /** A client of the management API with the key; {@link ExitCode#AUTH} when there is no key. */
    Http management() {
        if (apiKey == null) {
            throw new CliException(ExitCode.AUTH, "no API key: set TESSERA_API_KEY, or run `tessera login` (reads the key from "
                    + "standard input and writes " + configFile + ")");
        }
        return new Http(url, apiKey);
    }

    /** A client of the data plane: no key, the developer token is the credential. */
    Http dataPlane() {
        return new Http(dataPlaneUrl, null);
    }

    @Override
    public String toString() {
        return "Target[url=" + url + ", dataPlaneUrl=" + dataPlaneUrl + ", configFile=" + configFile + "]";
    }
}
