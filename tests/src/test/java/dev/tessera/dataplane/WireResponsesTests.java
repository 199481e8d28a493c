package dev.tessera.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.verify.DetailedRefusal;
import dev.tessera.verify.Refusal;
import dev.tessera.verify.RefusalReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The listener's pre-encoded answers cover every refusal without a case per reason. */
class WireResponsesTests {

    @Test
    void everyRefusalReasonIsWrittenWithItsStatusGoogleBodyAndRequestId() {
        byte[] id = "abcdefghijklmnopqrstuv".getBytes(StandardCharsets.US_ASCII);
        for (RefusalReason reason : RefusalReason.values()) {
            ByteBuf out = WireResponses.refused(UnpooledByteBufAllocator.DEFAULT, reason, id, WireResponses.Connection.DEFAULT);
            String text = out.toString(StandardCharsets.UTF_8);
            out.release();
            assertThat(text).as(reason.name()).startsWith("HTTP/1.1 " + reason.httpStatus() + " ")
                    .contains("\r\nrequest-id: abcdefghijklmnopqrstuv\r\n");
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            assertThat(text).contains("content-length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
            JsonNode json = JsonMapper.builder().build().readTree(body);
            assertThat(json.at("/error/code").asInt()).isEqualTo(reason.httpStatus());
            assertThat(json.at("/error/status").asString()).isEqualTo(reason.status());
            assertThat(json.at("/error/details/0/errors/0/errorCode/" + reason.errorType()).asString()).isEqualTo(reason.errorCode());
            assertThat(json.at("/error/details/0/requestId").asString()).isEqualTo("abcdefghijklmnopqrstuv");
        }
    }

    /** Issue 13: nginx's auth_request passes on only 401 and 403, without a body; the real answer travels in headers. */
    @Test
    void inNginxFormEveryRefusalIs401Or403WithItsStatusAndTheSameBodyInHeaders() {
        byte[] id = "abcdefghijklmnopqrstuv".getBytes(StandardCharsets.US_ASCII);
        List<Refusal> refusals = new ArrayList<>(List.of(RefusalReason.values()));
        refusals.add(new DetailedRefusal(RefusalReason.QUOTA_EXHAUSTED, "Used up; retry in 90 s.", 90, "Number of operations"));
        for (Refusal refusal : refusals) {
            String plain = text(WireResponses.refused(UnpooledByteBufAllocator.DEFAULT, refusal, id, WireResponses.Connection.CLOSE));
            String nginx = text(WireResponses.refusedForNginx(UnpooledByteBufAllocator.DEFAULT, refusal, id,
                    WireResponses.Connection.CLOSE));
            String body = plain.substring(plain.indexOf("\r\n\r\n") + 4);
            assertThat(nginx).as(refusal.toString())
                    .startsWith(refusal.httpStatus() == 401 ? "HTTP/1.1 401 Unauthorized\r\n" : "HTTP/1.1 403 Forbidden\r\n")
                    .contains("\r\nTessera-Refusal-Status: " + refusal.httpStatus() + "\r\n")
                    .contains("\r\nrequest-id: abcdefghijklmnopqrstuv\r\n")
                    .contains("\r\nTessera-Refusal-Body: " + body + "\r\n")
                    .contains("\r\nconnection: close\r\n")
                    .endsWith("\r\ncontent-length: 0\r\n\r\n");
            assertThat(nginx.contains("\r\nRetry-After: 90\r\n")).isEqualTo(refusal.retryAfterSeconds() == 90);
            assertThat(nginx.split("\r\n", -1)).as("header lines").hasSize(plain.substring(0, plain.indexOf("\r\n\r\n")).split("\r\n").length + 3);
        }
    }

    private static String text(ByteBuf out) {
        String text = out.toString(StandardCharsets.UTF_8);
        out.release();
        return text;
    }
}
