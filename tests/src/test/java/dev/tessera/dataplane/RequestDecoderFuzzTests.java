package dev.tessera.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the data-plane listener's request reading (issue 12) with Jazzer. Under {@code mvn -B
 * verify} it runs twice: over the saved inputs ({@code RequestDecoderFuzzTestsInputs/}, regression
 * mode) in the default test run, and coverage-guided for {@link #BUDGET} in the {@code fuzz}
 * execution. A longer run (see README, "Fuzzing"):
 * {@code JAZZER_FUZZ=1 mvn -B test -Dtest=RequestDecoderFuzzTests -Djazzer.max_duration=30m}.
 *
 * <p>What must hold for any bytes: reading never throws; a head read whole is one the listener may
 * act on (one Host on HTTP/1.1, no Content-Length with chunked, no CR, LF or NUL in a value kept);
 * the answer does not depend on how the bytes are split (a prefix is either incomplete or answered
 * as the whole is); and the listener itself, fed the bytes in pieces, writes only HTTP responses
 * and never fails.
 */
class RequestDecoderFuzzTests {

    static final String BUDGET = "20s";
    private static final StandaloneDataPlane DECISION = new StandaloneDataPlane();

    @FuzzTest(maxDuration = BUDGET)
    void readingAnyBytesIsSafeAndIndependentOfHowTheyAreSplit(FuzzedDataProvider data) {
        int split = data.consumeInt(0, 4096);
        boolean useToken = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();
        if (useToken) {
            input = new String(input, StandardCharsets.ISO_8859_1).replace("$T", DECISION.standardToken)
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        split = Math.min(split, input.length);

        RequestHead whole = new RequestHead();
        ByteBuf all = Unpooled.wrappedBuffer(input);
        Rejection answer = RequestDecoder.decode(all, whole);
        if (answer == null) {
            assertReadable(whole);
            assertThat(all.readerIndex()).isPositive().isLessThanOrEqualTo(input.length);
        } else {
            assertThat(all.readerIndex()).isZero();
        }

        RequestHead part = new RequestHead();
        ByteBuf prefix = Unpooled.wrappedBuffer(input, 0, split);
        Rejection early = RequestDecoder.decode(prefix, part);
        if (early != Rejection.INCOMPLETE) {
            assertThat(early).as("answer to the first %d bytes", split).isEqualTo(answer);
            if (early == null) {
                assertThat(prefix.readerIndex()).isEqualTo(all.readerIndex());
            }
        }

        EmbeddedChannel channel = new EmbeddedChannel(
                new DataPlaneHandler(DECISION.dataPlane, new RequestClock(10_000_000_000L, 6)));
        channel.writeInbound(Unpooled.copiedBuffer(input, 0, split));
        channel.checkException();
        if (channel.isOpen()) {
            channel.writeInbound(Unpooled.copiedBuffer(input, split, input.length - split));
            channel.checkException();
        }
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ByteBuf response = (ByteBuf) out;
            assertThat(response.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 ");
            response.release();
        }
        channel.finishAndReleaseAll();
    }

    private static void assertReadable(RequestHead head) {
        assertThat(head.hosts).isLessThanOrEqualTo(1);
        assertThat(head.http10 || head.hosts == 1).isTrue();
        assertThat(head.chunked && head.contentLength >= 0).isFalse();
        for (AsciiValue value : new AsciiValue[] {head.token, head.loginCustomerId, head.originalUri, head.forwardedUri,
                head.service, head.operations}) {
            String text = value.toString();
            assertThat(text).doesNotContain("\r", "\n", "\u0000");
            if (!text.isEmpty()) {
                assertThat(text.charAt(0)).isNotIn(' ', '\t');
                assertThat(text.charAt(text.length() - 1)).isNotIn(' ', '\t');
            }
        }
    }
}
