package io.rxflow.hub.drugs;

import java.util.Locale;

/**
 * One row of the controlled-substance table: the substance, its schedule (null for an exempted-product
 * row) and the products the row applies to (21 CFR 1308 places some preparations in lower schedules
 * by combination and strength).
 */
record SubstanceRule(
        String substance,
        DeaSchedule schedule,
        String appliesTo,
        Double maxMgPerUnit,
        Double maxMgPer100Ml,
        String cfr) {

    /** Three-valued: whether the row applies when the order leaves the dosage form unsaid. */
    enum Applies {
        YES,
        NO,
        MAYBE
    }

    static SubstanceRule parse(String[] f, String source, int lineNo) {
        String substance = f[0].strip().toLowerCase(Locale.ROOT);
        String scheduleText = f[1].strip();
        DeaSchedule schedule = null;
        if (!scheduleText.equals("exempt")) {
            schedule = DeaSchedule.fromTableValue(scheduleText)
                    .orElseThrow(() -> new IllegalArgumentException(
                            source + ":" + lineNo + ": schedule must be CI..CV or exempt"));
        }
        String applies = f[2].strip().toLowerCase(Locale.ROOT);
        if (!applies.matches("any|single|combination|combination-liquid|liquid|solid|with:[a-z ]+")) {
            throw new IllegalArgumentException(source + ":" + lineNo + ": unknown applies_to");
        }
        Double unit = null;
        Double per100 = null;
        for (String limit : f[3].strip().split(";")) {
            if (limit.isBlank()) {
                continue;
            }
            String[] kv = limit.strip().split("<=");
            if (kv.length != 2 || !kv[1].matches("[0-9]+(\\.[0-9]+)?")) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": limits must read unit<=N or 100ml<=N");
            }
            switch (kv[0]) {
                case "unit" -> unit = Double.valueOf(kv[1]);
                case "100ml" -> per100 = Double.valueOf(kv[1]);
                default -> throw new IllegalArgumentException(source + ":" + lineNo + ": unknown limit");
            }
        }
        return new SubstanceRule(substance, schedule, applies, unit, per100, f[5].strip());
    }

    /** Whether this row covers the order's product, given what its text says. */
    Applies applies(DrugText text) {
        Applies form =
                switch (appliesTo) {
                    case "any" -> Applies.YES;
                    case "single" -> text.combination() ? Applies.NO : Applies.YES;
                    case "combination" -> text.combination() ? Applies.YES : Applies.NO;
                    case "combination-liquid" -> text.combination() ? text.liquid() : Applies.NO;
                    case "liquid" -> text.liquid();
                    case "solid" -> invert(text.liquid());
                    default -> text.mentions(appliesTo.substring("with:".length())) ? Applies.YES : Applies.NO;
                };
        if (form == Applies.NO) {
            return form;
        }
        // An unstated strength is taken as within the limit: every marketed preparation is.
        Double unit = text.mgPerUnit(substance);
        Double per100 = text.mgPer100Ml(substance);
        if ((maxMgPerUnit != null && unit != null && unit > maxMgPerUnit)
                || (maxMgPer100Ml != null && per100 != null && per100 > maxMgPer100Ml)) {
            return Applies.NO;
        }
        return form;
    }

    private static Applies invert(Applies a) {
        return a == Applies.MAYBE ? a : a == Applies.YES ? Applies.NO : Applies.YES;
    }

    /** How the row reads in a refusal: "codeine (combination-liquid, 21 CFR 1308.15(c))". */
    String describe() {
        return substance + " (" + appliesTo + ", 21 CFR " + cfr + ")";
    }
}
