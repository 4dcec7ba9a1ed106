/**
 * Wiring of the hub: typed {@code rxflow.*} settings, the data folder, the database (embedded
 * PostgreSQL or an external one), API keys and the shared FHIR context. May call every other package
 * to construct its beans; nothing calls back into it.
 */
package io.rxflow.hub.config;
