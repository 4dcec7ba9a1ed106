package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.CapabilityStatement;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A stock HAPI FHIR generic client works against the hub unmodified, in JSON and in XML. */
class FhirClientIT extends HubIntegrationTest {

    @ParameterizedTest
    @EnumSource(
            value = EncodingEnum.class,
            names = {"JSON", "XML"})
    void createsReadsAndTransactsWithTheGenericClient(EncodingEnum encoding) {
        IGenericClient client = client(encoding);

        CapabilityStatement cs =
                client.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("5.0.0");

        var fixture = Fixtures.named("valid", "lisinopril-daily-envelope");
        String contained = Fixtures.contained(fixture, false).replace("ORD-2026-000117", "ORD-HAPI-" + encoding);
        MedicationRequest mr = Fixtures.FHIR.newJsonParser().parseResource(MedicationRequest.class, contained);
        MethodOutcome created = client.create().resource(mr).execute();
        assertThat(created.getCreated()).isTrue();
        String id = created.getId().getIdPart();

        MedicationRequest read =
                client.read().resource(MedicationRequest.class).withId(id).execute();
        assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo("ORD-HAPI-" + encoding);
        assertThat(Integer.parseInt(read.getMeta().getVersionId())).isGreaterThanOrEqualTo(3);

        String txJson = Fixtures.transaction(fixture, false).replace("ORD-2026-000117", "ORD-HAPI-TX-" + encoding);
        Bundle tx = Fixtures.FHIR.newJsonParser().parseResource(Bundle.class, txJson);
        Bundle answer = client.transaction().withBundle(tx).execute();
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry())
                .anyMatch(e -> "201 Created".equals(e.getResponse().getStatus()));
    }

    private IGenericClient client(EncodingEnum encoding) {
        IGenericClient client = Fixtures.FHIR.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir/r5");
        var headers = new AdditionalRequestHeadersInterceptor();
        headers.addHeaderValue("X-API-Key", API_KEY);
        client.registerInterceptor(headers);
        client.setEncoding(encoding);
        return client;
    }
}
