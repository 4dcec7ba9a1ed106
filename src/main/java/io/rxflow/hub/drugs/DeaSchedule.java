package io.rxflow.hub.drugs;

import java.util.Locale;
import java.util.Optional;

/** A federal DEA schedule, strictest first, with the NCI code SCRIPT carries (codes/dea-schedule.csv). */
public enum DeaSchedule {
    CI("C48672", "I"),
    CII("C48675", "II"),
    CIII("C48676", "III"),
    CIV("C48677", "IV"),
    CV("C48679", "V");

    /** NCI "Unspecified": what some networks expect for a drug that is not controlled. */
    public static final String NCI_UNSPECIFIED = "C38046";

    private final String nciCode;
    private final String roman;

    DeaSchedule(String nciCode, String roman) {
        this.nciCode = nciCode;
        this.roman = roman;
    }

    /** The NCI code of {@code DrugCoded/DEASchedule/Code}. */
    public String nciCode() {
        return nciCode;
    }

    /** The HL7 v2-0477 code (I..V). */
    public String v2Code() {
        return roman;
    }

    /** True when this schedule is stricter than {@code other}. */
    public boolean stricterThan(DeaSchedule other) {
        return ordinal() < other.ordinal();
    }

    /** A table value as FDA and the drug table write it: CII, also C-II or C2; empty when unknown. */
    public static Optional<DeaSchedule> fromTableValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
        for (DeaSchedule s : values()) {
            if (v.equals(s.name()) || v.equals("C" + (s.ordinal() + 1))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** An HL7 v2-0477 code (I..V); VI and anything else are empty. */
    public static Optional<DeaSchedule> fromV2(String code) {
        for (DeaSchedule s : values()) {
            if (s.roman.equals(code == null ? null : code.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** An NCI schedule code (C48672..C48679); anything else, including C38046, is empty. */
    public static Optional<DeaSchedule> fromNci(String code) {
        for (DeaSchedule s : values()) {
            if (s.nciCode.equals(code == null ? null : code.strip())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
