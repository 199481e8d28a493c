package dev.tessera.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times: UTC, to the minute, the same on every page. */
public final class Dates {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH);

    private Dates() {}

    public static String minute(Instant instant) {
        return instant == null ? null : MINUTE.format(instant.atOffset(ZoneOffset.UTC));
    }

    public static String second(Instant instant) {
        return instant == null ? null : SECOND.format(instant.atOffset(ZoneOffset.UTC));
    }

    public static String day(Instant instant) {
        return instant == null ? null : DAY.format(instant.atOffset(ZoneOffset.UTC));
    }
}
