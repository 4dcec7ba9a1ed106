package io.rxflow.hub.drugs;

import java.util.Optional;

/** A product-level drug table (the operator's drug table) as the resolver reads it. */
public interface ProductTable {
    /** The product with this 11-digit package NDC. */
    Optional<Product> byNdc(String ndc11);

    /** The product with this RxNorm CUI. */
    Optional<Product> byRxcui(String rxcui);

    /**
     * One product: {@code ndc11} and {@code rxcui} may be empty; {@code schedule} is null when the
     * product is not controlled.
     */
    record Product(String ndc11, String rxcui, String termType, String name, DeaSchedule schedule) {}

    /** A table that knows nothing. */
    static ProductTable empty() {
        return new ProductTable() {
            @Override
            public Optional<Product> byNdc(String ndc11) {
                return Optional.empty();
            }

            @Override
            public Optional<Product> byRxcui(String rxcui) {
                return Optional.empty();
            }
        };
    }
}
