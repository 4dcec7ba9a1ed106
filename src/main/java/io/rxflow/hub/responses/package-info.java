/**
 * The pharmacy's SCRIPT answers (Status, Error, Verify): parsing a reply into accepted, failed for now
 * or refused for good; building the answers the hub and the simulator send; and the outcome of a Kafka
 * pharmacy's reply ({@code routes/rx-pharmacy-replies.camel.yaml}). No Camel types.
 *
 * <p>May call: support, script, eventstore.
 */
package io.rxflow.hub.responses;
