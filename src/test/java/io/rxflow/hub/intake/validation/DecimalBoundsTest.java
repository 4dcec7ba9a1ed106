package io.rxflow.hub.intake.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.intake.Envelopes;
import io.rxflow.hub.intake.IntakeParser;
import io.rxflow.hub.support.PrescriptionResources;
import io.rxflow.hub.support.Violation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.groups.Tuple;
import org.hl7.fhir.r5.model.DecimalType;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Absurd numbers are refused by name before HAPI or the mapping does arithmetic on them. */
class DecimalBoundsTest {
    private static final JsonFactory JSON = new JsonFactory();

    @ParameterizedTest
    @ValueSource(strings = {"30", "2.50", "0.001", "1e3", "1.5E+2", "999999999999999999", "0.12345678901234567"})
    void acceptsNumbersAPrescriptionCanHold(String value) {
        assertThat(DecimalBounds.within(new BigDecimal(value))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "1e-999999", "0e999999", "1000000000000000000", "0.123456789012345678", "1e19"})
    void refusesNumbersBeyondEighteenIntegerOrSeventeenFractionDigits(String value) {
        assertThat(DecimalBounds.within(new BigDecimal(value))).isFalse();
    }

    @Test
    void refusesAMillionDigitNumberWithoutComputingOnIt() {
        assertThat(DecimalBounds.within(new BigDecimal(BigInteger.TEN.pow(1_000_000))))
                .isFalse();
    }

    @Test
    void namesTheJsonElementOfAnExponentNumberByItsFhirPath() {
        String json =
                """
                {"resourceType":"MedicationRequest","dosageInstruction":[{"sequence":1},
                 {"doseAndRate":[{"doseQuantity":{"value":1e999999,"unit":"mg"}}]}]}""";

        Violation v = refusal(() -> DecimalBounds.checkJson(JSON, json, "MedicationRequest"));

        assertThat(v.expression())
                .isEqualTo("MedicationRequest.dosageInstruction[1].doseAndRate[0].doseQuantity.value");
        assertThat(v.rule()).isEqualTo("decimal-out-of-range");
    }

    @Test
    void refusesALongNumberSentAsAJsonStringButNotOrdinaryText() {
        String digits = "9".repeat(DecimalBounds.MAX_NUMBER_TEXT + 1);
        Violation v = refusal(() -> DecimalBounds.checkJson(
                JSON, "{\"dispenseRequest\":{\"quantity\":{\"value\":\"" + digits + "\"}}}", "MedicationRequest"));
        assertThat(v.expression()).isEqualTo("MedicationRequest.dispenseRequest.quantity.value");

        assertThatCode(() -> DecimalBounds.checkJson(
                        JSON, "{\"note\":[{\"text\":\"Apt 4E100, 1e999999 " + digits + " x\"}]}", "MedicationRequest"))
                .doesNotThrowAnyException();
    }

    @Test
    void leavesMalformedJsonToHapi() {
        assertThatCode(() -> DecimalBounds.checkJson(JSON, "{\"a\": [1, ", "MedicationRequest"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesXmlWithANumberLongerThanAnyDecimal() {
        String xml = "<MedicationRequest xmlns=\"http://hl7.org/fhir\"><dispenseRequest><quantity><value value=\"%s\"/>"
                + "</quantity></dispenseRequest></MedicationRequest>";
        assertThatCode(() -> DecimalBounds.checkText(xml.formatted("1".repeat(1000)), "MedicationRequest"))
                .doesNotThrowAnyException();
        Violation v = refusal(() -> DecimalBounds.checkText(xml.formatted("1".repeat(900_000)), "MedicationRequest"));
        assertThat(v.expression()).isEqualTo("MedicationRequest");
    }

    @Test
    void validatorNamesEveryParsedDecimalOutOfRange() {
        PrescriptionResources r = Envelopes.fixture(Envelopes.CONCEPT);
        MedicationRequest mr = r.medicationRequest();
        mr.getDispenseRequest().getQuantity().setValue(new BigDecimal("1e999999"));
        mr.getDosageInstructionFirstRep().getTiming().getRepeat().setPeriod(new BigDecimal("1e-999999"));
        r.patient().addExtension("http://example.org/x", new DecimalType(new BigDecimal("1e40")));

        assertThat(Envelopes.verdict(r))
                .containsExactlyInAnyOrder(
                        new Tuple("MedicationRequest.dispenseRequest.quantity.value", "decimal-out-of-range"),
                        new Tuple(
                                "MedicationRequest.dosageInstruction[0].timing.repeat.period", "decimal-out-of-range"),
                        new Tuple("Patient.extension[0].valueDecimal", "decimal-out-of-range"));
    }

    @Test
    void intakeParserRefusesAnExponentQuantityBeforeHapiReadsIt() throws Exception {
        var parser = new IntakeParser(FhirContext.forR5Cached(), new ObjectMapper());
        String envelope = Files.readString(
                        Path.of("src/test/resources/fixtures/intake/valid/lisinopril-daily-envelope.json"))
                .replaceFirst(
                        "\"quantity\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*[0-9.]+", "\"quantity\":{\"value\":1e999999");

        Violation v = refusal(() -> parser.fromEnvelope(envelope.getBytes(StandardCharsets.UTF_8), "application/json"));

        assertThat(v.expression()).isEqualTo("MedicationRequest.dispenseRequest.quantity.value");
    }

    private static Violation refusal(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        ValidationFailedException e = catchThrowableOfType(ValidationFailedException.class, call);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.violations()).hasSize(1);
        return e.violations().get(0);
    }
}
