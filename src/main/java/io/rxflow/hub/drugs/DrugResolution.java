package io.rxflow.hub.drugs;

import java.util.List;
import java.util.Optional;

/**
 * What the hub knows about an order's drug: its DEA schedule (empty when not controlled), where that
 * came from, whether any table knows the drug, the representative NDC and RxNorm term type for an
 * order without an NDC, and the problems that must refuse the order.
 */
public record DrugResolution(
        Optional<DeaSchedule> schedule,
        String source,
        boolean found,
        Optional<String> representativeNdc,
        Optional<String> termType,
        Optional<String> productName,
        List<Problem> problems) {
    /** The order's declared schedule disagrees with a table, or two tables or declarations disagree. */
    public static final String CONFLICT = "dea-schedule-conflict";
    /** The order declares a value that is no federal schedule SCRIPT can carry (v2-0477 VI, an unknown code). */
    public static final String INVALID = "dea-schedule-invalid";
    /** No table knows the drug, it declares no schedule, and the policy is refuse. */
    public static final String UNKNOWN = "drug-unknown";

    /** Answers are shared between the orders that read the same ({@link DrugResolver}): nothing in one changes. */
    public DrugResolution {
        problems = List.copyOf(problems);
    }

    /** A reason to refuse: the FHIRPath at fault, what is wrong (naming both values of a conflict), the rule code. */
    public record Problem(String expression, String message, String code) {}

    /** True when the schedule is settled and the order may go on. */
    public boolean settled() {
        return problems.isEmpty();
    }
}
