/**
 * FHIR R5 to NCPDP SCRIPT mapping: the drug table, the NewRx mapper (plain Java over HAPI and JAXB), the
 * hub's SCRIPT schemas and their validation, marshalling with hardened parsing, and 2023011 to 2017071
 * conversion with xslt/newrx-2023011-to-2017071.xsl. Owns src/main/resources/script/ and the JAXB
 * classes generated from it (io.rxflow.hub.mapping.script). Imports no Camel types. May call
 * {@code support}.
 */
package io.rxflow.hub.mapping;
