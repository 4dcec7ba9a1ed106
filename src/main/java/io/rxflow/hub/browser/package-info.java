/**
 * The operators' API ({@code routes/rx-ops.camel.yaml}, {@code /api/v1/ops}, ops users and roles, not
 * EHR keys): the message browser (search, one prescription's events and SCRIPT messages), resending
 * a failed NewRx (dry run, then confirm; through the outbox) and the ops audit trail. Pausing a
 * pharmacy is the dispatch package's ({@code DispatchPauses}).
 *
 * <p>May call: support, eventstore, outbox, pharmacies.
 */
package io.rxflow.hub.browser;
