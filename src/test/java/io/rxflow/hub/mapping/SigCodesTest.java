package io.rxflow.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SigCodesTest {

    @ParameterizedTest
    @CsvSource({"h,258702006,hour", "d,258703001,day", "wk,258705008,week", "mo,258706009,month"})
    void mapsUnitsOfTimeToSnomedCt(String ucum, String code, String text) {
        assertThat(SigCodes.timeUnit(ucum)).contains(new SigCodes.Concept(code, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "min", "a", "D", "day", ""})
    void leavesOtherUnitsOfTimeUnmapped(String ucum) {
        assertThat(SigCodes.timeUnit(ucum)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "QD,1,1,d",
        "BID,2,1,d",
        "TID,3,1,d",
        "QID,4,1,d",
        "QOD,1,2,d",
        "Q1H,1,1,h",
        "Q2H,1,2,h",
        "Q3H,1,3,h",
        "Q4H,1,4,h",
        "Q6H,1,6,h",
        "Q8H,1,8,h"
    })
    void mapsTimingAbbreviationsToTheirSchedule(String code, int frequency, int period, String unit) {
        assertThat(SigCodes.abbreviation(code)).contains(new SigCodes.Schedule(frequency, period, unit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AM", "PM", "BED", "WK", "MO", "bid", "Q12H"})
    void leavesAbbreviationsWithoutAFixedScheduleUnmapped(String code) {
        assertThat(SigCodes.abbreviation(code)).isEmpty();
    }

    @Test
    void asNeededForIsTheSnomedPrecursor() {
        assertThat(SigCodes.AS_NEEDED_FOR).isEqualTo(new SigCodes.Concept("420449005", "as needed for"));
    }
}
