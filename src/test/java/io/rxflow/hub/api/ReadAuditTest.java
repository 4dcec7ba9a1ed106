package io.rxflow.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ReadAuditTest {

    @Test
    void auditsReadsOfOnePrescriptionByItsPathWithTheIdTakenOut() {
        var read = ReadAudit.what("/api/v1/prescriptions/6f1c3a52-0d7e-4d7b-9a53-5d8f1c2b7a10/script");
        assertThat(read.template()).isEqualTo("/api/v1/prescriptions/{id}/script");
        assertThat(read.pathId()).isEqualTo("6f1c3a52-0d7e-4d7b-9a53-5d8f1c2b7a10");
        assertThat(ReadAudit.what("/api/v1/prescriptions/abc").template()).isEqualTo("/api/v1/prescriptions/{id}");
        assertThat(ReadAudit.what("/api/v1/prescriptions/abc/events").template())
                .isEqualTo("/api/v1/prescriptions/{id}/events");
    }

    @Test
    void auditsFhirReadsAndSearchesOfEitherVersionButNotTheCapabilityStatement() {
        assertThat(ReadAudit.what("/fhir/r4/MedicationRequest/abc-1").template())
                .isEqualTo("/fhir/r4/MedicationRequest/{id}");
        var search = ReadAudit.what("/fhir/r5/Task");
        assertThat(search.search()).isTrue();
        assertThat(search.pathId()).isNull();
        assertThat(ReadAudit.what("/fhir/r5/metadata")).isNull();
        assertThat(ReadAudit.what("/fhir/r4/metadata")).isNull();
    }

    @Test
    void leavesAloneWhatShowsNoPrescriptionContent() {
        assertThat(ReadAudit.what("/api/v1/pharmacies")).isNull();
        assertThat(ReadAudit.what("/api/v1/prescriptions/")).isNull();
        assertThat(ReadAudit.what("/api/v1/prescriptions/abc/route")).isNull();
        assertThat(ReadAudit.what("/api/v1/openapi.json")).isNull();
        assertThat(ReadAudit.what("/fhir/r5/MedicationRequest/a/b")).isNull();
        assertThat(ReadAudit.what("/fhir/r5/MedicationRequest/" + "x".repeat(65)))
                .isNull();
    }

    @Test
    void servesTheReadOnlyOnceItsAuditRowIsWritten() throws Exception {
        List<String> rows = new ArrayList<>();
        var response = get(new ReadAudit((actor, target, detail) -> rows.add(actor + " " + target), FHIR));
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("{\"id\":\"p-1\"}");
        assertThat(rows).containsExactly("key-1 p-1");
    }

    @Test
    void answers503InsteadOfTheContentWhenTheAuditRowCannotBeWritten() throws Exception {
        var response = get(new ReadAudit(
                (actor, target, detail) -> {
                    throw new IllegalStateException("database down");
                },
                FHIR));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString()).contains("OperationOutcome").doesNotContain("p-1");
    }

    private static final FhirContext FHIR = FhirContext.forR5Cached();

    private static MockHttpServletResponse get(ReadAudit filter) throws Exception {
        var request = new MockHttpServletRequest("GET", "/fhir/r5/MedicationRequest/p-1");
        request.addHeader(ApiKeyFilter.ACTOR_HEADER, "key-1");
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.setStatus(200);
                resp.setContentType("application/fhir+json");
                resp.getWriter().write("{\"id\":\"p-1\"}");
                resp.flushBuffer();
            }
        }));
        return response;
    }
}
