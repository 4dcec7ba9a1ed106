/**
 * Responses: owns the pharmacy's SCRIPT answers (Status, Error, Verify) and their model. Parses a
 * pharmacy's reply into a {@link io.rxflow.hub.responses.PharmacyReply} that says whether the NewRx
 * was accepted, failed for now (try again) or was refused for good, and builds the Status and Error
 * messages the hub or the pharmacy simulator send back. Plain Java, no Camel types. May call
 * {@code mapping} (the SCRIPT schemas, JAXB classes and marshalling) and {@code support}.
 */
package io.rxflow.hub.responses;
