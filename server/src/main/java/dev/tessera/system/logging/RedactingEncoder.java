package dev.tessera.system.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Logback's pattern encoder with {@link LogRedaction} applied to the whole formatted event (message,
 * exception, thread name, MDC alike), so no logger, ours or a library's, writes a developer token.
 * Configured for the console in {@code logback-spring.xml}.
 */
public class RedactingEncoder extends PatternLayoutEncoder {

    @Override
    public byte[] encode(ILoggingEvent event) {
        String line = LogRedaction.redact(getLayout().doLayout(event));
        Charset charset = getCharset() == null ? StandardCharsets.UTF_8 : getCharset();
        return line.getBytes(charset);
    }
}
