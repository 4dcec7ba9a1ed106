/**
 * Retention of the operational tables: published outbox rows, the consumers' de-duplication records,
 * refused requests and pharmacy messages' duplicate records are deleted once older than their
 * configured age ({@code rxflow.retention.*}, route {@code rx-retention-pruner}). The event store and
 * the read model are never deleted here (docs/operations.md, "Retention").
 *
 * <p>May call: support.
 */
package io.rxflow.hub.retention;
