package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IntakeParserTest {
    private final IntakeParser parser = new IntakeParser(FhirContext.forR5Cached(), new ObjectMapper());

    @Test
    void keepsTheDecimalsOfTheEnvelopeAsWritten() throws Exception {
        String envelope = Files.readString(
                        Path.of("src/test/resources/fixtures/intake/valid/lisinopril-daily-envelope.json"))
                .replaceFirst("\"quantity\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*[0-9.]+", "\"quantity\":{\"value\":30.50");
        IntakeRequest request = parser.fromEnvelope(envelope.getBytes(StandardCharsets.UTF_8), "application/json");

        var quantity =
                request.resources().medicationRequest().getDispenseRequest().getQuantity();
        assertThat(quantity.getValueElement().getValueAsString()).isEqualTo("30.50");
        assertThat(request.receivedJson().get("medication_request")).contains("\"value\":30.50");
    }

    @Test
    void namesAnUnknownElementOfAMember() throws Exception {
        String envelope = Files.readString(
                        Path.of("src/test/resources/fixtures/intake/valid/lisinopril-daily-envelope.json"))
                .replaceFirst("\"birthDate\"", "\"birthdate\"");
        assertThatThrownBy(() -> parser.fromEnvelope(envelope.getBytes(StandardCharsets.UTF_8), "application/json"))
                .isInstanceOf(InputRejectedException.class)
                .hasMessageContaining("birthdate");
    }
}
