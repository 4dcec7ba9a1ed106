package io.rxflow.hub.drugs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Settles an order's DEA schedule from what it declares and what the tables say: a product match
 * (NDC or RxNorm) first, else the controlled-substance table; a declaration that disagrees with
 * either is refused, never overridden. A drug no table knows takes its declared schedule, else the
 * unknown-drug policy.
 */
final class ScheduleDecision {
    /** One table's answer about the order's product; {@code expression} is the coding that led to it. */
    record Evidence(String source, Optional<DeaSchedule> schedule, String expression) {}

    /** The settled schedule, its source, whether any table knows the drug, and the problems. */
    record Outcome(
            Optional<DeaSchedule> schedule, String source, boolean found, List<DrugResolution.Problem> problems) {}

    private final List<DrugResolution.Problem> problems = new ArrayList<>();

    private ScheduleDecision() {}

    static Outcome decide(
            OrderDrug order,
            List<Evidence> products,
            Optional<ControlledSubstances.Match> substance,
            boolean knownByName,
            UnknownDrugPolicy policy) {
        var d = new ScheduleDecision();
        Optional<DeclaredSchedule> declared = d.declared(order.declared());
        if (!products.isEmpty()) {
            Optional<DeaSchedule> table = d.agreed(products, order.base());
            Evidence first = products.get(0);
            declared.filter(s -> !s.schedule().equals(table))
                    .ifPresent(s -> d.conflict(
                            s,
                            first.source() + " lists " + DeclaredSchedule.show(table) + " for the product coded at "
                                    + first.expression()));
            return d.outcome(table, first.source(), true);
        }
        if (substance.isPresent()) {
            ControlledSubstances.Match m = substance.get();
            String source = "the controlled-substance table (" + String.join(", ", m.substances()) + ")";
            if (declared.isPresent()) {
                if (!m.possible().contains(declared.get().schedule())) {
                    d.conflict(
                            declared.get(),
                            source + " allows only "
                                    + m.possible().stream()
                                            .map(DeclaredSchedule::show)
                                            .sorted()
                                            .collect(Collectors.joining(" or "))
                                    + " by " + m.explanation());
                }
                return d.outcome(declared.get().schedule(), "the order, within " + source, true);
            }
            return d.outcome(m.chosen(), source, true);
        }
        if (declared.isPresent()) {
            return d.outcome(declared.get().schedule(), "the order's declared schedule", knownByName);
        }
        if (!knownByName && policy == UnknownDrugPolicy.REFUSE) {
            d.problems.add(new DrugResolution.Problem(
                    order.base(),
                    "the drug is in none of the hub's drug tables (drug table, FDA NDC Directory, RxNorm) and names"
                            + " no controlled substance the hub knows, so its DEA schedule cannot be established:"
                            + " send the NDC or RxNorm code of a listed product, or declare the schedule with the"
                            + " extension " + DeclaredSchedule.EXTENSION,
                    DrugResolution.UNKNOWN));
        }
        return d.outcome(Optional.empty(), knownByName ? "RxNorm name, no controlled substance" : "none", knownByName);
    }

    /** The order's one declared schedule; invalid values and disagreeing declarations are problems. */
    private Optional<DeclaredSchedule> declared(List<DeclaredSchedule> all) {
        List<DeclaredSchedule> valid = new ArrayList<>();
        for (DeclaredSchedule s : all) {
            if (s.valid()) {
                valid.add(s);
            } else {
                problems.add(new DrugResolution.Problem(
                        s.expression(),
                        "declares " + s.shown() + ", which is no federal DEA schedule SCRIPT can carry: use v2-0477"
                                + " I to V, NCI C48672, C48675, C48676, C48677 or C48679, or NCI C38046 for not"
                                + " controlled (state schedules such as VI are not sent)",
                        DrugResolution.INVALID));
            }
        }
        for (DeclaredSchedule s : valid) {
            if (!s.schedule().equals(valid.get(0).schedule())) {
                conflict(
                        s,
                        valid.get(0).expression() + " declares " + valid.get(0).shown());
            }
        }
        return valid.stream().findFirst();
    }

    /** The tables' common answer; a disagreement is refused and the strictest kept for the other checks. */
    private Optional<DeaSchedule> agreed(List<Evidence> products, String base) {
        List<Optional<DeaSchedule>> answers =
                products.stream().map(Evidence::schedule).distinct().toList();
        if (answers.size() > 1) {
            problems.add(new DrugResolution.Problem(
                    base,
                    "the drug tables disagree on this drug's DEA schedule: "
                            + products.stream()
                                    .map(e -> e.source() + " gives " + DeclaredSchedule.show(e.schedule()) + " ("
                                            + e.expression() + ")")
                                    .collect(Collectors.joining("; ")),
                    DrugResolution.CONFLICT));
        }
        return answers.stream().flatMap(Optional::stream).min(Enum::compareTo);
    }

    private void conflict(DeclaredSchedule declared, String other) {
        problems.add(new DrugResolution.Problem(
                declared.expression(),
                "declares DEA schedule " + declared.shown() + " but " + other + ": the hub never sends a schedule"
                        + " its sources disagree on",
                DrugResolution.CONFLICT));
    }

    private Outcome outcome(Optional<DeaSchedule> schedule, String source, boolean found) {
        return new Outcome(schedule, source, found, List.copyOf(problems));
    }
}
