package io.rxflow.hub.mapping;

import static io.rxflow.hub.mapping.SigElements.number;
import static io.rxflow.hub.mapping.SigElements.snomed;
import static io.rxflow.hub.mapping.SigElements.unsupported;

import io.rxflow.hub.mapping.SigElements.NotExpressible;
import io.rxflow.hub.script.model.DurationType;
import io.rxflow.hub.script.model.FrequencyType;
import io.rxflow.hub.script.model.IntervalType;
import io.rxflow.hub.script.model.SigValueOrRangeType;
import io.rxflow.hub.script.model.TimingAndDurationType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r5.model.Coding;
import org.hl7.fhir.r5.model.Dosage;
import org.hl7.fhir.r5.model.Duration;
import org.hl7.fhir.r5.model.Timing;
import org.hl7.fhir.r5.model.Timing.TimingRepeatComponent;

/**
 * Dosage.timing as TimingAndDuration elements: a Frequency ("n (to m) times per unit") or an Interval
 * ("every n (to m) units") from {@code repeat.frequency(Max)/period(Max)/periodUnit} or a timing code
 * (BID, Q4H ...), then a Duration from {@code repeat.boundsDuration}. Like public 2017071 Sigs,
 * consecutive TimingAndDuration elements are sent without a MultipleTimingModifier. Anything else in
 * the timing leaves the Sig text-only.
 */
final class SigTimingMapper {
    private SigTimingMapper() {}

    static List<TimingAndDurationType> map(Dosage d, String path) throws NotExpressible {
        if (!d.hasTiming()) {
            throw new NotExpressible(path + ": required for a structured Sig");
        }
        Timing timing = d.getTiming();
        unsupported(timing.hasEvent(), path + ".event");
        TimingRepeatComponent repeat = timing.getRepeat();
        String r = path + ".repeat";
        unsupported(repeat.hasCount() || repeat.hasCountMax(), r + ".count");
        unsupported(repeat.hasDuration() || repeat.hasDurationMax() || repeat.hasDurationUnit(), r + ".duration");
        unsupported(repeat.hasDayOfWeek() || repeat.hasTimeOfDay(), r + ".dayOfWeek/timeOfDay");
        unsupported(repeat.hasWhen() || repeat.hasOffset(), r + ".when/offset");
        unsupported(repeat.hasBoundsPeriod() || repeat.hasBoundsRange(), r + ".bounds[x]");
        List<TimingAndDurationType> out = new ArrayList<>();
        out.add(frequencyOrInterval(schedule(timing, path), upper(timing, r), path));
        if (repeat.hasBoundsDuration()) {
            out.add(duration(repeat.getBoundsDuration(), r + ".boundsDuration"));
        }
        return out;
    }

    /** The schedule from repeat and from the code; when both are given they must say the same. */
    private static SigCodes.Schedule schedule(Timing timing, String path) throws NotExpressible {
        SigCodes.Schedule fromRepeat = fromRepeat(timing.getRepeat(), path + ".repeat");
        SigCodes.Schedule fromCode = timing.hasCode() ? fromCode(timing, path + ".code") : null;
        if (fromRepeat == null && fromCode == null) {
            throw new NotExpressible(path + ": a frequency and period or a timing code is required");
        }
        if (fromRepeat != null && fromCode != null && !fromRepeat.equals(fromCode)) {
            throw new NotExpressible(path + ": code and repeat disagree");
        }
        return Objects.requireNonNullElse(fromRepeat, fromCode);
    }

    private static SigCodes.Schedule fromRepeat(TimingRepeatComponent repeat, String path) throws NotExpressible {
        if (!repeat.hasFrequency() && !repeat.hasPeriod() && !repeat.hasPeriodUnit()) {
            return null;
        }
        BigDecimal period = repeat.getPeriod();
        int frequency = repeat.hasFrequency() ? repeat.getFrequency() : 1;
        if (!repeat.hasPeriod() || !repeat.hasPeriodUnit() || frequency < 1 || !whole(period)) {
            throw new NotExpressible(path + ": needs a whole period with its unit and a frequency of at least 1");
        }
        return new SigCodes.Schedule(
                frequency, period.intValueExact(), repeat.getPeriodUnit().toCode());
    }

    private static SigCodes.Schedule fromCode(Timing timing, String path) throws NotExpressible {
        for (Coding c : timing.getCode().getCoding()) {
            if (SigCodes.GTS_ABBREVIATION_SYSTEM.equals(c.getSystem())) {
                var schedule = SigCodes.abbreviation(c.getCode());
                if (schedule.isPresent()) {
                    return schedule.get();
                }
            }
        }
        throw new NotExpressible(path + ": not a v3 GTSAbbreviation code with a fixed frequency or interval");
    }

    /**
     * The upper end of "n to m times a day" (frequencyMax) or "every n to m hours" (periodMax), null
     * when the schedule is fixed. A range comes from repeat alone: a timing code names a fixed schedule.
     */
    private static Range upper(Timing timing, String path) throws NotExpressible {
        TimingRepeatComponent repeat = timing.getRepeat();
        if (!repeat.hasFrequencyMax() && !repeat.hasPeriodMax()) {
            return null;
        }
        unsupported(repeat.hasFrequencyMax() && repeat.hasPeriodMax(), path + ".frequencyMax with periodMax");
        unsupported(timing.hasCode(), path + ".frequencyMax/periodMax with a timing code");
        if (repeat.hasFrequencyMax()) {
            return new Range(true, repeat.getFrequencyMax());
        }
        if (!whole(repeat.getPeriodMax())) {
            throw new NotExpressible(path + ".periodMax: needs a whole number");
        }
        return new Range(false, repeat.getPeriodMax().intValueExact());
    }

    /** {@code frequency}: the upper end of the frequency, else of the period. */
    private record Range(boolean frequency, int max) {}

    /**
     * Once a period: Frequency; once every n periods: Interval; n times every m periods: no form. A
     * range needs the same form: frequencyMax a Frequency, periodMax an Interval, above the lower end.
     */
    private static TimingAndDurationType frequencyOrInterval(SigCodes.Schedule s, Range upper, String path)
            throws NotExpressible {
        var unit = SigCodes.timeUnit(s.unit())
                .orElseThrow(() -> new NotExpressible(path + ".repeat.periodUnit: not hours, days, weeks or months"));
        var out = new TimingAndDurationType();
        if (s.period() == 1 && (upper == null || upper.frequency())) {
            var f = new FrequencyType();
            f.setFrequencyNumericValue(valueOrRange(s.frequency(), upper, unit, path));
            out.setFrequency(f);
        } else if (s.frequency() == 1 && (upper == null || !upper.frequency())) {
            var i = new IntervalType();
            i.setIntervalValue(valueOrRange(s.period(), upper, unit, path));
            out.setInterval(i);
        } else {
            throw new NotExpressible(path + ".repeat: several times in a period longer than one unit, or a range"
                    + " of the other part");
        }
        return out;
    }

    /** The 2023011 value-or-range: the number, "TO" and the upper end, the unit of time (A10, A11). */
    private static SigValueOrRangeType valueOrRange(int value, Range upper, SigCodes.Concept unit, String path)
            throws NotExpressible {
        var v = new SigValueOrRangeType();
        v.setValue1(Integer.toString(value));
        if (upper != null) {
            if (upper.max() <= value) {
                throw new NotExpressible(path + ".repeat: the range's upper end must be above its lower end");
            }
            v.setRangeModifier("TO");
            v.setValue2(Integer.toString(upper.max()));
        }
        v.setValueUnitOfMeasure(snomed(unit));
        return v;
    }

    private static TimingAndDurationType duration(Duration bounds, String path) throws NotExpressible {
        boolean ucum = !bounds.hasSystem() || SigCodes.UCUM_SYSTEM.equals(bounds.getSystem());
        var unit = SigCodes.timeUnit(ucum ? bounds.getCode() : null)
                .orElseThrow(() -> new NotExpressible(path + ": unit is not UCUM h, d, wk or mo"));
        unsupported(bounds.hasComparator(), path + ".comparator");
        var d = new DurationType();
        d.setDurationNumericValue(number(bounds.getValue(), path + ".value"));
        d.setDurationText(snomed(unit));
        var out = new TimingAndDurationType();
        out.setDuration(d);
        return out;
    }

    private static boolean whole(BigDecimal value) {
        return value != null
                && value.signum() > 0
                && value.stripTrailingZeros().scale() <= 0
                && value.compareTo(BigDecimal.valueOf(1000)) < 0;
    }
}
