package dev.tessera.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.verify.RefusalReason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
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
}
