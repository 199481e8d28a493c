package dev.tessera.webhook;

import dev.tessera.system.TesseraException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may point: an http or https URL without credentials or fragment, whose host
 * resolves only to public addresses ({@link AddressRanges}), unless
 * {@code TESSERA_WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true}. Checked when a webhook is created and again
 * before every delivery, since a name may resolve elsewhere by then. The window left is the one
 * between this check and the HTTP client's own lookup; the JVM's name cache (30 s by default) makes
 * both see the same answer in practice. Thread-safe.
 */
@Component
class TargetGuard {

    static final int MAX_URL = 2000;

    private final boolean allowPrivate;

    TargetGuard(WebhookProperties properties) {
        this.allowPrivate = properties.allowPrivateAddresses();
    }

    /**
     * The URL a webhook is created with.
     *
     * @throws TesseraException 400 naming {@code url}, saying what is wrong (never echoing an address it resolved to)
     */
    URI check(String url) {
        URI uri = shape(url);
        refusal(uri).ifPresent(reason -> {
            throw TesseraException.invalid("url", reason);
        });
        return uri;
    }

    /** Why a delivery to this (stored) URL may not go out now, or empty when it may. */
    Optional<String> refusal(URI uri) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("'url': the host name does not resolve.");
        }
        if (!allowPrivate && Arrays.stream(addresses).anyMatch(AddressRanges::isPrivate)) {
            return Optional.of("'url' resolves to a private, loopback, link-local or otherwise non-public address;"
                    + " webhooks go to public addresses only (an operator may allow private ones with"
                    + " TESSERA_WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true).");
        }
        return Optional.empty();
    }

    private static URI shape(String url) {
        if (url == null || url.isBlank()) {
            throw TesseraException.invalid("url", "'url' is required.");
        }
        String text = url.strip();
        if (text.length() > MAX_URL) {
            throw TesseraException.invalid("url", "'url' has at most " + MAX_URL + " characters.");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw TesseraException.invalid("url", "'url' is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw TesseraException.invalid("url", "'url' must start with https:// (or http://).");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw TesseraException.invalid("url", "'url' needs a host name.");
        }
        if (uri.getRawUserInfo() != null) {
            throw TesseraException.invalid("url", "'url' may not contain a user name or password; receivers check"
                    + " the Tessera-Signature header instead.");
        }
        if (uri.getRawFragment() != null) {
            throw TesseraException.invalid("url", "'url' may not contain a fragment (#…).");
        }
        return uri;
    }
}
