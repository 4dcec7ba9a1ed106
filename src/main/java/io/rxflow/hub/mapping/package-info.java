/**
 * FHIR R5 to NCPDP SCRIPT mapping: the drug table, the NewRx mapper (plain Java over HAPI and JAXB),
 * schema validation and version conversion. Imports no Camel types. May call {@code support}.
 */
package io.rxflow.hub.mapping;
