package dev.tessera.verifierfeed;

import dev.tessera.system.web.ManagementApi;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /api/v1/verifier/feed}: an embedded verifier's long-poll (API keys of scope
 * {@code verifier} only; see {@link VerifierFeed} and docs/verifier.md). Holds a request thread for
 * at most a quarter of the cluster lease when nothing changes.
 */
@ManagementApi("/api/v1/verifier")
class VerifierFeedController {

    private final VerifierFeed feed;

    VerifierFeedController(VerifierFeed feed) {
        this.feed = feed;
    }

    @GetMapping(path = "/feed", produces = "text/plain")
    void poll(@RequestParam(required = false) String instance, @RequestParam(required = false) String name,
            @RequestParam(required = false) String after, @RequestParam(required = false) String wait,
            HttpServletResponse response) throws IOException, InterruptedException {
        VerifierFeed.Poll poll = VerifierFeed.Poll.of(instance, name, after, wait);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        feed.answer(poll, out);
        out.flush();
    }

    /** A verifier's goodbye when it stops: 204; writers stop waiting for its lease. */
    @DeleteMapping("/feed")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(@RequestParam(required = false) String instance) {
        feed.leave(VerifierFeed.Poll.of(instance, null, null, null));
    }
}
