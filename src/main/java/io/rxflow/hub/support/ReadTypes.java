package io.rxflow.hub.support;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions of JDBC column values as the PostgreSQL driver returns them. */
public final class ReadTypes {
    private ReadTypes() {}

    /** A {@code timestamptz} column, in UTC. */
    public static OffsetDateTime offsetDateTime(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("Not a timestamp: " + (value == null ? "null" : value.getClass()));
    }
}
