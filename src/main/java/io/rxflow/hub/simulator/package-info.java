/**
 * The pharmacy simulator: a stand-in for real pharmacies, shipped in the hub's jar and switched on
 * with {@code rxflow.simulator.enabled=true}. It receives SCRIPT NewRx over HTTP ({@code /simulator/...},
 * Spring MVC, not Camel: it is the remote party, not part of the hub's flows) or from a pharmacy's
 * Kafka topic, validates it against the hub's schemas and answers Status 000 or an Error; latency,
 * failures and outages are configurable at start and switchable at run time, and it counts what it
 * accepted so tests can prove exactly-once delivery. Nothing in the hub calls it.
 *
 * <p>May call: support, script, responses.
 */
package io.rxflow.hub.simulator;
