/**
 * Drug reference data: the product table (NDC, RxNorm, DEA schedule) and the DEA schedule codes.
 * Plain Java: no Camel, no Spring.
 *
 * <p>May call: support.
 */
package io.rxflow.hub.drugs;
