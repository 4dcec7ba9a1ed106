/**
 * The composition root: typed {@code rxflow.*} settings, and one {@code <Package>Config} per package whose
 * beans are built from settings or are plain Java (no Spring annotations of their own); infrastructure:
 * the data folder, the DataSource (embedded or external PostgreSQL), the Kafka broker (external, or
 * the in-JVM KRaft broker), the FHIR context.
 *
 * <p>May call: every package.
 */
package io.rxflow.hub.config;
