package io.rxflow.hub.mapping;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import io.rxflow.hub.script.model.DateType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.hl7.fhir.r5.model.BaseDateTimeType;

/** Date conversions for SCRIPT: calendar dates kept exactly as authored, timestamps in UTC. */
final class ScriptDates {
    private static final DatatypeFactory FACTORY = newFactory();

    private ScriptDates() {}

    /**
     * The calendar date as the EHR wrote it, or null when the value is less precise than a day.
     * Deliberately not converted to UTC: a prescription written at 20:00 in Texas would otherwise carry
     * the next day's date.
     */
    static LocalDate asAuthored(BaseDateTimeType value) {
        if (value == null || value.isEmpty() || value.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            return null;
        }
        return LocalDate.parse(value.getValueAsString().substring(0, 10));
    }

    static DateType date(LocalDate date) {
        var d = new DateType();
        d.setDate(FACTORY.newXMLGregorianCalendar(date.toString()));
        return d;
    }

    /** UTC with a Z, to the second, as SCRIPT wants SentTime. */
    static javax.xml.datatype.XMLGregorianCalendar utc(Instant instant) {
        return FACTORY.newXMLGregorianCalendar(
                instant.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static DatatypeFactory newFactory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no javax.xml.datatype implementation", e);
        }
    }
}
