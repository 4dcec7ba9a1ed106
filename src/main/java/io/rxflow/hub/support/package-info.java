/**
 * Shared building blocks (plain Java over the HAPI model and the Camel API) used by every flow: identifier checks (NPI, DEA, NDC,
 * NCPDP ID), SCRIPT text rules, the resource set of one prescription and the validation result type.
 * May call nothing else in the hub.
 */
package io.rxflow.hub.support;
