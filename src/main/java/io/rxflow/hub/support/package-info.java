/**
 * Shared building blocks with no knowledge of any flow: identifier checks (NPI, DEA, NDC, NCPDP ID),
 * SCRIPT text rules, the resource set of one prescription, the violation type, typed refusals (not
 * found, conflict) and the HTTP reply helper.
 *
 * <p>May call: nothing.
 */
package io.rxflow.hub.support;
