package io.rxflow.hub.drugs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The substance-level table of DEA controlled substances (src/main/resources/drugs/controlled-substances.csv):
 * finds the substances an order names and the schedules their rows allow.
 */
final class ControlledSubstances {
    static final String RESOURCE = "drugs/controlled-substances.csv";
    private static final int COLUMNS = 6;

    private final Map<String, List<SubstanceRule>> rules;
    private final Map<String, String> substanceByName;
    private final Pattern names;

    /** The schedules an order may carry after the substance match; empty when nothing matched. */
    record Match(List<String> substances, Set<Optional<DeaSchedule>> possible, String explanation) {
        /** The strictest possible schedule: sent unless the order declares another possible one. */
        Optional<DeaSchedule> chosen() {
            return possible.stream().flatMap(Optional::stream).min(Comparator.naturalOrder());
        }
    }

    private ControlledSubstances(List<SubstanceRule> rows, Map<String, String> substanceByName) {
        this.rules = rows.stream()
                .collect(Collectors.groupingBy(
                        SubstanceRule::substance, LinkedHashMap::new, Collectors.toCollection(ArrayList::new)));
        // Least strict first: the lower schedules are the exceptions to the substance's own schedule.
        rules.values().forEach(l -> l.sort(Comparator.comparingInt(ControlledSubstances::leniency)));
        this.substanceByName = substanceByName;
        String alternatives = substanceByName.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        this.names = Pattern.compile(
                "(?<![\\p{L}\\p{N}])(?<!without )(?<!\\bno )(" + alternatives
                        + ")(?![\\p{L}\\p{N}])(?!\\s*-?\\s*free\\b)",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The table shipped in the jar. */
    static ControlledSubstances shipped() {
        try (InputStream in = ControlledSubstances.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return load(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a table; a malformed row fails with its line number. */
    static ControlledSubstances load(InputStream csv, String source) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        List<SubstanceRule> rows = new ArrayList<>();
        Map<String, String> byName = new HashMap<>();
        String line = reader.readLine();
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", COLUMNS);
            if (f.length != COLUMNS) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": expected " + COLUMNS + " columns");
            }
            SubstanceRule rule = SubstanceRule.parse(f, source, lineNo);
            rows.add(rule);
            byName.put(rule.substance(), rule.substance());
            for (String alias : f[4].split(";")) {
                if (!alias.isBlank()) {
                    byName.put(alias.strip().toLowerCase(Locale.ROOT), rule.substance());
                }
            }
        }
        return new ControlledSubstances(rows, byName);
    }

    int substances() {
        return rules.size();
    }

    /** The controlled substances the order names and the schedules they allow; empty when none. */
    Optional<Match> match(DrugText text) {
        Set<String> found = new java.util.LinkedHashSet<>();
        for (String t : text.texts()) {
            find(t, found);
        }
        text.ingredients().forEach(i -> find(i.name(), found));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Set<Optional<DeaSchedule>> combined = Set.of(Optional.empty());
        List<String> why = new ArrayList<>();
        for (String substance : found) {
            Set<Optional<DeaSchedule>> own = schedules(substance, text, why);
            combined = strictestOfEach(combined, own);
        }
        return Optional.of(new Match(List.copyOf(found), combined, String.join("; ", why)));
    }

    private void find(String text, Set<String> found) {
        Matcher m = names.matcher(text);
        while (m.find()) {
            found.add(substanceByName.get(m.group(1).toLowerCase(Locale.ROOT)));
        }
    }

    private Set<Optional<DeaSchedule>> schedules(String substance, DrugText text, List<String> why) {
        Set<Optional<DeaSchedule>> possible = new HashSet<>();
        for (SubstanceRule rule : rules.get(substance)) {
            SubstanceRule.Applies applies = rule.applies(text);
            if (applies == SubstanceRule.Applies.NO) {
                continue;
            }
            possible.add(Optional.ofNullable(rule.schedule()));
            why.add(rule.describe());
            // An exempted-product row never settles it: the exemption names products, not substances.
            if (applies == SubstanceRule.Applies.YES && rule.schedule() != null) {
                break;
            }
        }
        return possible;
    }

    /** Every schedule the combination may have: the strictest of one choice per substance. */
    private static Set<Optional<DeaSchedule>> strictestOfEach(
            Set<Optional<DeaSchedule>> sofar, Set<Optional<DeaSchedule>> next) {
        Set<Optional<DeaSchedule>> out = new HashSet<>();
        for (Optional<DeaSchedule> a : sofar) {
            for (Optional<DeaSchedule> b : next) {
                out.add(a.isEmpty() ? b : b.isEmpty() ? a : a.get().stricterThan(b.get()) ? a : b);
            }
        }
        return out;
    }

    private static int leniency(SubstanceRule r) {
        return r.schedule() == null
                ? 0
                : DeaSchedule.values().length - r.schedule().ordinal();
    }
}
