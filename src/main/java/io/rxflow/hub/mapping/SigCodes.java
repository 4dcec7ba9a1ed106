package io.rxflow.hub.mapping;

import java.util.Map;
import java.util.Optional;

/**
 * Code tables of the structured Sig: the SNOMED CT concepts the hub itself sends (units of time, the
 * PRN precursor) and the FHIR timing abbreviations it maps. Route, site, delivery method and PRN
 * reason codes are the EHR's SNOMED CT codes, passed through unchanged.
 */
final class SigCodes {
    static final String SNOMED_SYSTEM = "http://snomed.info/sct";
    static final String UCUM_SYSTEM = "http://unitsofmeasure.org";
    static final String GTS_ABBREVIATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation";

    /** SigCode qualifiers (reference section 2). */
    static final String SNOMED_QUALIFIER = "SNOMED";

    static final String DOSE_UNIT_QUALIFIER = "DoseUnitOfMeasure";

    /**
     * CodeSystem versions. The hub's own codes (units of time, "as needed for", the NCI dose units) are
     * unchanged since these releases, the values seen in a public 2017071 structured Sig; which versions
     * a partner expects is for the trading-partner agreement (UNCONFIRMED).
     */
    static final String SNOMED_VERSION = "20170131";

    static final String FMT_VERSION = "16.03d";

    /** A coded Sig value: the SNOMED CT concept id and the text sent with it. */
    record Concept(String code, String text) {}

    /** IndicationPrecursor of a PRN instruction (seen in public 2017071 Sigs and SCRIPT sig tools). */
    static final Concept AS_NEEDED_FOR = new Concept("420449005", "as needed for");

    /** A regular schedule: {@code frequency} times per {@code period} {@code unit} (UCUM time unit). */
    record Schedule(int frequency, int period, String unit) {}

    // FHIR UnitsOfTime (the UCUM codes) to the SNOMED CT "unit of time" qualifier values. Seconds,
    // minutes and years are left out: no outpatient Sig the hub maps needs them.
    private static final Map<String, Concept> TIME_UNITS = Map.of(
            "h", new Concept("258702006", "hour"),
            "d", new Concept("258703001", "day"),
            "wk", new Concept("258705008", "week"),
            "mo", new Concept("258706009", "month"));

    // HL7 v3 GTSAbbreviation codes with a fixed frequency or interval. AM, PM, BED (times of day),
    // WK and MO (ambiguous day) have no SCRIPT Frequency or Interval form and are not mapped.
    private static final Map<String, Schedule> ABBREVIATIONS = Map.ofEntries(
            Map.entry("QD", new Schedule(1, 1, "d")),
            Map.entry("BID", new Schedule(2, 1, "d")),
            Map.entry("TID", new Schedule(3, 1, "d")),
            Map.entry("QID", new Schedule(4, 1, "d")),
            Map.entry("QOD", new Schedule(1, 2, "d")),
            Map.entry("Q1H", new Schedule(1, 1, "h")),
            Map.entry("Q2H", new Schedule(1, 2, "h")),
            Map.entry("Q3H", new Schedule(1, 3, "h")),
            Map.entry("Q4H", new Schedule(1, 4, "h")),
            Map.entry("Q6H", new Schedule(1, 6, "h")),
            Map.entry("Q8H", new Schedule(1, 8, "h")));

    private SigCodes() {}

    /** The SNOMED CT unit of time for a UCUM / FHIR UnitsOfTime code, if the hub maps it. */
    static Optional<Concept> timeUnit(String ucum) {
        return Optional.ofNullable(ucum == null ? null : TIME_UNITS.get(ucum));
    }

    /** The schedule of a v3 GTSAbbreviation code (BID, Q4H ...), if it has a fixed one. */
    static Optional<Schedule> abbreviation(String code) {
        return Optional.ofNullable(code == null ? null : ABBREVIATIONS.get(code));
    }
}
