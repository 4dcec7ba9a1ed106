package io.rxflow.hub.drugs;

import java.util.Map;

/** The drug table's DEA schedules (CI..CV) as the NCI codes SCRIPT carries (codes/dea-schedule.csv). */
public final class DeaSchedules {
    private static final Map<String, String> NCI = Map.of(
            "CI", "C48672",
            "CII", "C48675",
            "CIII", "C48676",
            "CIV", "C48677",
            "CV", "C48679");

    private DeaSchedules() {}

    public static boolean isKnown(String schedule) {
        return NCI.containsKey(schedule);
    }

    public static String nciCode(String schedule) {
        String code = NCI.get(schedule);
        if (code == null) {
            throw new IllegalArgumentException("unknown DEA schedule " + schedule);
        }
        return code;
    }
}
