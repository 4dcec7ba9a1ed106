/**
 * Drug reference data and the DEA schedule of an order: the starter product table (NDC, RxNorm, DEA
 * schedule), the controlled-substance table (21 CFR 1308.11-1308.15, src/main/resources/drugs/), the
 * FDA NDC Directory and RxNorm loaders, and the resolver that combines them with the schedule an order
 * declares. Plain Java over the HAPI FHIR model: no Camel, no Spring. Public API: {@link
 * io.rxflow.hub.drugs.DrugResolver}, {@link io.rxflow.hub.drugs.DrugResolution}, {@link
 * io.rxflow.hub.drugs.DeaSchedule}, {@link io.rxflow.hub.drugs.UnknownDrugPolicy}, {@link
 * io.rxflow.hub.drugs.ProductTable}, {@link io.rxflow.hub.drugs.DrugTable}.
 *
 * <p>May call: support.
 */
package io.rxflow.hub.drugs;
