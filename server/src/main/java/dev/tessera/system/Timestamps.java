package dev.tessera.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants as both databases store them: to the microsecond, in UTC. A value written with
 * {@link #now} reads back equal, on H2 and on PostgreSQL alike.
 */
public final class Timestamps {

    private Timestamps() {}

    /** The clock's instant, truncated to what a {@code TIMESTAMP WITH TIME ZONE} column keeps. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The instant as a JDBC parameter, or null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The column's instant, or null when it is NULL. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
