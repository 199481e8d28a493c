package dev.tessera.dataplane;

/**
 * The head of the request being read, as {@link RequestDecoder} leaves it: what the data plane
 * needs and nothing else (other headers are checked for shape and skipped). Reused for every request
 * of a connection, so reading one allocates nothing. Not shared.
 */
final class RequestHead {

    static final String FORWARD_AUTH_PATH = "/v1/forward-auth";
    static final String VERIFY_PATH = "/v1/developer-token:verify";
    /** forward-auth answered the way nginx's {@code auth_request} can pass on (see {@link WireResponses#refusedForNginx}). */
    static final String FORWARD_AUTH_NGINX_PATH = "/v1/forward-auth/nginx";

    enum Method { GET, HEAD, POST, OTHER }

    enum Target { FORWARD_AUTH, FORWARD_AUTH_NGINX, VERIFY, OTHER }

    Method method;
    Target target;
    boolean http10;
    /** {@code Connection: close} was sent. */
    boolean close;
    /** {@code Connection: keep-alive} was sent (what an HTTP/1.0 client must say to keep it). */
    boolean keepAliveAsked;
    int hosts;
    /** The {@code Content-Length}, or -1 when none was sent. */
    long contentLength;
    boolean chunked;
    boolean expectContinue;

    final AsciiValue token = new AsciiValue();
    final AsciiValue loginCustomerId = new AsciiValue();
    final AsciiValue originalUri = new AsciiValue();
    final AsciiValue forwardedUri = new AsciiValue();
    final AsciiValue service = new AsciiValue();
    final AsciiValue operations = new AsciiValue();

    void clear() {
        method = Method.OTHER;
        target = Target.OTHER;
        http10 = false;
        close = false;
        keepAliveAsked = false;
        hosts = 0;
        contentLength = -1;
        chunked = false;
        expectContinue = false;
        token.clear();
        loginCustomerId.clear();
        originalUri.clear();
        forwardedUri.clear();
        service.clear();
        operations.clear();
    }

    /** Whether the target is forward-auth, in either of its forms. */
    boolean forwardAuth() {
        return target == Target.FORWARD_AUTH || target == Target.FORWARD_AUTH_NGINX;
    }

    /**
     * Whether the target is forward-auth in nginx's form. Read it only for a request whose line was
     * read: a rejection of a header has one (the refusals of {@link Rejection} that carry a Google Ads
     * body are all of headers), a rejection of the line itself leaves the previous request's target.
     */
    boolean nginx() {
        return target == Target.FORWARD_AUTH_NGINX;
    }

    /** Whether the connection stays open after this request's answer. */
    boolean keepAlive() {
        return !close && (!http10 || keepAliveAsked);
    }

    /** Whether a body follows the head. */
    boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /** {@code X-Original-URI}, else {@code X-Forwarded-Uri}, else null. */
    CharSequence originalUriOrForwarded() {
        return originalUri.present() ? originalUri : forwardedUri.orNull();
    }
}
