package io.rxflow.hub.intake.validation;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hl7.fhir.r5.model.BaseDateTimeType;

/** "Not in the future" for FHIR dates and date-times, tolerant of clock skew and of time zones. */
final class Dates {
    /** EHR clocks drift; a prescription signed a moment ago on a fast clock is not from the future. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    // A bare date is a local calendar date in an unknown zone: it is in the future only once it is
    // after today everywhere, i.e. in the earliest zone on earth (UTC+14).
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private Dates() {}

    /** True when the value names at least a whole day (SCRIPT dates cannot carry a year or month alone). */
    static boolean isComplete(BaseDateTimeType value) {
        return value.getPrecision().ordinal() >= TemporalPrecisionEnum.DAY.ordinal();
    }

    /** True when the value lies after now plus the allowed skew; a bare date is compared as a date. */
    static boolean isInFuture(BaseDateTimeType value, Clock clock) {
        var latestNow = clock.instant().plus(CLOCK_SKEW);
        if (value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal()) {
            return value.getValue().toInstant().isAfter(latestNow);
        }
        LocalDate date = LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
        return date.isAfter(LocalDate.ofInstant(latestNow, EARLIEST_ZONE));
    }
}
