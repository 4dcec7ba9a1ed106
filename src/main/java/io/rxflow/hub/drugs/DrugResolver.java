package io.rxflow.hub.drugs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;

/**
 * An order's DEA schedule and product facts from every source the hub has, in this order: the
 * schedule the order declares; the product by NDC (the operator's drug table, the FDA NDC Directory);
 * the product by RxNorm code (the drug table, the RxNorm files); the controlled-substance table over
 * the drug's names and ingredients. Immutable and thread-safe once built.
 */
public final class DrugResolver {
    /** The hub's extension for a declared schedule, on the Medication or the MedicationRequest. */
    public static final String DEA_SCHEDULE_EXTENSION = DeclaredSchedule.EXTENSION;

    private final ProductTable starter;
    private final FdaProductDirectory fda;
    private final RxNormProducts rxnorm;
    private final ControlledSubstances substances;
    private final UnknownDrugPolicy policy;
    /** Orders already resolved, by what was read from them; emptied when full. */
    private final Map<OrderDrug, DrugResolution> resolved = new ConcurrentHashMap<>();

    static final int REMEMBERED = 4096;

    private DrugResolver(Builder b) {
        this.starter = b.starter;
        this.fda = b.fda;
        this.rxnorm = b.rxnorm;
        this.substances = b.substances;
        this.policy = b.policy;
    }

    /** A resolver over the operator's drug table and the shipped substance table only. */
    public static DrugResolver withStarter(ProductTable starter) {
        return builder().starter(starter).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Everything the hub knows about the drug of this order; {@code medication} may be null.
     *
     * <p>The answer depends on nothing but what {@link OrderDrug} reads from the order (codes, texts,
     * declared schedule, the elements they came from) and on tables that do not change once built, so
     * it is kept by that value: a prescription's validation, intake command and mapping each ask, and
     * orders for the same product ask again (the substance table's name search was ~2 % of the hub's
     * CPU; docs/benchmarks.md, "Tenth look"). At most {@value #REMEMBERED} orders are kept.
     */
    public DrugResolution resolve(MedicationRequest request, Medication medication) {
        OrderDrug order = OrderDrug.read(request, medication);
        DrugResolution known = resolved.get(order);
        if (known != null) {
            return known;
        }
        DrugResolution resolution = resolve(order);
        if (resolved.size() >= REMEMBERED) {
            resolved.clear();
        }
        resolved.put(order, resolution);
        return resolution;
    }

    private DrugResolution resolve(OrderDrug order) {
        List<ScheduleDecision.Evidence> products = direct(order);
        if (products.isEmpty()) {
            products = throughRxNorm(order);
        }
        List<String> rxnormNames = rxnormNames(order);
        Optional<ControlledSubstances.Match> substance =
                products.isEmpty() ? substances.match(order.text(rxnormNames)) : Optional.empty();
        ScheduleDecision.Outcome o =
                ScheduleDecision.decide(order, products, substance, !rxnormNames.isEmpty(), policy);
        Optional<String> rxcui =
                order.rxcuis().stream().map(OrderDrug.Coded::code).findFirst();
        Optional<ProductTable.Product> row = rxcui.flatMap(starter::byRxcui);
        Optional<RxNormProducts.Concept> concept = rxcui.flatMap(rxnorm::concept);
        return new DrugResolution(
                o.schedule(),
                o.source(),
                o.found(),
                order.ndcs().isEmpty() ? rxcui.flatMap(this::representativeNdc) : Optional.empty(),
                row.map(ProductTable.Product::termType)
                        .filter(t -> !t.isEmpty())
                        .or(() -> concept.map(RxNormProducts.Concept::termType)),
                row.map(ProductTable.Product::name)
                        .filter(n -> !n.isEmpty())
                        .or(() -> concept.map(RxNormProducts.Concept::name)),
                o.problems());
    }

    /** The product as the order codes it: its NDCs and RxNorm codes looked up in the tables. */
    private List<ScheduleDecision.Evidence> direct(OrderDrug order) {
        List<ScheduleDecision.Evidence> out = new ArrayList<>();
        for (OrderDrug.Coded ndc : order.ndcs()) {
            starter.byNdc(ndc.code())
                    .ifPresent(p -> out.add(new ScheduleDecision.Evidence(
                            "the drug table (NDC " + ndc.code() + ")",
                            Optional.ofNullable(p.schedule()),
                            ndc.expression())));
            fda.find(ndc.code())
                    .ifPresent(l -> out.add(new ScheduleDecision.Evidence(
                            "the FDA NDC Directory (product " + l.productNdc() + ")", l.schedule(), ndc.expression())));
        }
        for (OrderDrug.Coded rx : order.rxcuis()) {
            starter.byRxcui(rx.code())
                    .ifPresent(p -> out.add(new ScheduleDecision.Evidence(
                            "the drug table (RxCUI " + rx.code() + ")",
                            Optional.ofNullable(p.schedule()),
                            rx.expression())));
        }
        return out;
    }

    /**
     * Only when the order's own codes are in no table: RxNorm links an NDC to its concept and a
     * concept to its NDCs, whose FDA listings give the schedule (the strictest, should labelers differ).
     */
    private List<ScheduleDecision.Evidence> throughRxNorm(OrderDrug order) {
        List<ScheduleDecision.Evidence> out = new ArrayList<>();
        for (OrderDrug.Coded ndc : order.ndcs()) {
            rxnorm.rxcuiOfNdc(ndc.code())
                    .flatMap(starter::byRxcui)
                    .ifPresent(p -> out.add(new ScheduleDecision.Evidence(
                            "the drug table (RxCUI " + p.rxcui() + ", which RxNorm gives NDC " + ndc.code() + ")",
                            Optional.ofNullable(p.schedule()),
                            ndc.expression())));
        }
        for (OrderDrug.Coded rx : order.rxcuis()) {
            rxnorm.dcsa(rx.code())
                    .ifPresent(s -> out.add(new ScheduleDecision.Evidence(
                            "RxNorm (RxCUI " + rx.code() + ", SPL DEA schedule)", Optional.of(s), rx.expression())));
            List<FdaProductDirectory.Listing> listed = rxnorm.ndcs(rx.code()).stream()
                    .map(fda::find)
                    .flatMap(Optional::stream)
                    .toList();
            if (!listed.isEmpty()) {
                Optional<DeaSchedule> strictest = listed.stream()
                        .map(FdaProductDirectory.Listing::schedule)
                        .flatMap(Optional::stream)
                        .min(Comparator.naturalOrder());
                out.add(new ScheduleDecision.Evidence(
                        "the FDA NDC Directory (the NDCs RxNorm lists for RxCUI " + rx.code() + ")",
                        strictest,
                        rx.expression()));
            }
        }
        return out;
    }

    /** RxNorm's normalised names for the order's codes: every active ingredient, for the substance table. */
    private List<String> rxnormNames(OrderDrug order) {
        List<String> names = new ArrayList<>();
        order.rxcuis().forEach(rx -> rxnorm.concept(rx.code()).ifPresent(c -> names.add(c.name())));
        order.ndcs()
                .forEach(n ->
                        rxnorm.rxcuiOfNdc(n.code()).flatMap(rxnorm::concept).ifPresent(c -> names.add(c.name())));
        return names;
    }

    /** The drug table's NDC for the concept, else one RxNorm lists, preferring one FDA lists. */
    private Optional<String> representativeNdc(String rxcui) {
        Optional<String> fromTable =
                starter.byRxcui(rxcui).map(ProductTable.Product::ndc11).filter(n -> !n.isEmpty());
        if (fromTable.isPresent()) {
            return fromTable;
        }
        List<String> ndcs = rxnorm.ndcs(rxcui);
        return ndcs.stream().filter(n -> fda.find(n).isPresent()).findFirst().or(() -> ndcs.stream()
                .findFirst());
    }

    /** One line for the start-up log: what was loaded. */
    public String summary() {
        return "controlled-substance table " + substances.substances() + " substances; FDA NDC Directory "
                + fda.size() + " products (" + fda.controlled() + " controlled"
                + (fda.skipped() > 0 ? ", " + fda.skipped() + " rows in another NDC layout skipped" : "")
                + "); RxNorm " + rxnorm.concepts() + " products, " + rxnorm.ndcs() + " NDCs; unknown-drug policy "
                + policy.name().toLowerCase().replace('_', '-');
    }

    /** Collects the sources; a file that cannot be read stops the start-up (nothing is half-loaded). */
    public static final class Builder {
        private ProductTable starter = ProductTable.empty();
        private FdaProductDirectory fda = FdaProductDirectory.empty();
        private RxNormProducts rxnorm = RxNormProducts.empty();
        private ControlledSubstances substances = ControlledSubstances.shipped();
        private UnknownDrugPolicy policy = UnknownDrugPolicy.SEND_UNCONTROLLED;

        private Builder() {}

        /** The operator's drug table (rxflow.drugs.table). */
        public Builder starter(ProductTable table) {
            this.starter = Objects.requireNonNull(table);
            return this;
        }

        /** FDA's product.txt (rxflow.drugs.fda-product-file). */
        public Builder fdaProductFile(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                this.fda = FdaProductDirectory.load(in, file.toString());
            }
            return this;
        }

        /** The folder holding RXNCONSO.RRF and RXNSAT.RRF (rxflow.drugs.rxnorm-dir). */
        public Builder rxnormDir(Path dir) throws IOException {
            this.rxnorm = RxNormProducts.load(dir);
            return this;
        }

        public Builder unknownDrugPolicy(UnknownDrugPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        public DrugResolver build() {
            return new DrugResolver(this);
        }
    }
}
