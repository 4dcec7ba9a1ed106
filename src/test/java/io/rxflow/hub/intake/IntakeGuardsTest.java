package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.Fixtures;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser's guards against hostile input: depth, duplicate keys, JSON types, content types, Bundle size. */
class IntakeGuardsTest {
    private final IntakeParser parser = new IntakeParser(Envelopes.FHIR, new ObjectMapper());
    private final Fixtures.Fixture fixture = Fixtures.named("valid", "lisinopril-daily-envelope");
    private final String envelope = read("src/test/resources/fixtures/intake/valid/lisinopril-daily-envelope.json");
    private final String containedJson = Fixtures.contained(fixture, false);
    private final String containedXml = Fixtures.contained(fixture, true);

    @Test
    void refusesDeeplyNestedJsonInEveryShapeWith400() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        refusal(() -> parser.fromEnvelope(bytes("{\"x\":" + deep + "}"), "application/json"))
                .hasMessageContaining("nested deeper than 64");
        refusal(() -> parser.fromContained(
                        bytes(containedJson.replaceFirst("\\{", "{\"x\":" + deep + ",")), "application/fhir+json"))
                .hasMessageContaining("nested deeper than 64");
    }

    @Test
    void refusesDeeplyNestedXmlExtensionsBeforeHapiRecursesIntoThem() {
        String deep = "<extension url=\"http://x\">".repeat(5000) + "</extension>".repeat(5000);
        refusal(() -> parser.fromContained(
                        bytes(containedXml.replaceFirst("(<MedicationRequest[^>]*>)", "$1" + deep)),
                        "application/fhir+xml"))
                .hasMessageContaining("nested deeper than 64");
    }

    @Test
    void refusesADuplicateKeyNamingIt() {
        String twice =
                envelope.replaceFirst("\"status\"\\s*:\\s*\"active\"", "\"status\":\"active\",\"status\":\"draft\"");
        refusal(() -> parser.fromEnvelope(bytes(twice), "application/json"))
                .hasMessageContaining("'status' appears twice");
        String inResource =
                containedJson.replaceFirst("\"status\":\"active\"", "\"status\":\"active\",\"status\":\"x\"");
        assertThatThrownBy(() -> parser.fromContained(bytes(inResource), "application/fhir+json"))
                .isInstanceOfSatisfying(InputRejectedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("duplicate-key");
                    assertThat(e.expression()).isEqualTo("MedicationRequest.status");
                });
    }

    @Test
    void refusesANumberSentAsAStringNamingTheElement() {
        String quoted = envelope.replaceFirst("(\"quantity\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*)([0-9.]+)", "$1\"$2\"");
        assertThatThrownBy(() -> parser.fromEnvelope(bytes(quoted), "application/json"))
                .isInstanceOfSatisfying(InputRejectedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.expression()).isEqualTo("MedicationRequest.dispenseRequest.quantity.value");
                });
        String bool = containedJson.replaceFirst("\\{", "{\"doNotPerform\":\"false\",");
        refusal(() -> parser.fromContained(bytes(bool), "application/fhir+json"))
                .hasMessageContaining("MedicationRequest.doNotPerform is a FHIR boolean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; x=json", "text/json", "application/jsonx", "application/x-json", ""})
    void refusesContentTypesThatOnlyMentionJson(String contentType) {
        assertThatThrownBy(() -> parser.fromEnvelope(bytes(envelope), contentType))
                .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.httpStatus())
                        .isEqualTo(415));
        assertThatThrownBy(() -> parser.fromContained(bytes(containedJson), contentType))
                .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.httpStatus())
                        .isEqualTo(415));
    }

    @Test
    void readsContentTypeParametersAsParameters() {
        assertThatCode(() -> parser.fromContained(
                        bytes(containedJson), "Application/FHIR+JSON ; charset=\"UTF-8\"; fhirVersion=5.0"))
                .doesNotThrowAnyException();
        assertThatCode(() -> parser.fromContained(bytes(containedXml), "text/xml; charset=utf-8"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> parser.fromContained(bytes(containedJson), "application/fhir+json; charset=latin1"))
                .isInstanceOfSatisfying(InputRejectedException.class, e -> assertThat(e.httpStatus())
                        .isEqualTo(415));
        refusal(() -> parser.fromContained(bytes(containedJson), "application/fhir+json; fhirVersion=4.0"))
                .hasMessageContaining("FHIR R5");
    }

    @Test
    void refusesABundleOverTheEntryCapBeforeParsingIt() {
        String json = Fixtures.transaction(fixture, false)
                .replaceFirst("\"entry\":\\[", "\"entry\":[" + "{\"fullUrl\":\"urn:uuid:x\"},".repeat(10_000));
        String xml = Fixtures.transaction(fixture, true)
                .replaceFirst("<entry>", "<entry><fullUrl value=\"urn:x\"/></entry>".repeat(10_000) + "<entry>");
        for (String[] call : new String[][] {{json, "application/fhir+json"}, {xml, "application/fhir+xml"}}) {
            assertThatThrownBy(() -> parser.fromTransaction(bytes(call[0]), call[1]))
                    .isInstanceOfSatisfying(InputRejectedException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(413);
                        assertThat(e.rule()).isEqualTo("bundle-too-many-entries");
                    });
        }
        var small = new IntakeParser(Envelopes.FHIR, new ObjectMapper(), 3);
        assertThatThrownBy(() ->
                        small.fromTransaction(bytes(Fixtures.transaction(fixture, false)), "application/fhir+json"))
                .isInstanceOf(InputRejectedException.class);
    }

    @Test
    void refusesAnOutOfRangeNumberTooLongForTheTokenizerAs422() {
        String json = containedJson.replaceFirst("(\"quantity\":\\{\"value\":)[0-9.]+", "$1" + "9".repeat(5000));
        assertThatThrownBy(() -> parser.fromContained(bytes(json), "application/fhir+json"))
                .isInstanceOf(ValidationFailedException.class);
    }

    @Test
    void stillReadsEveryValidShape() {
        assertThatCode(() -> {
                    parser.fromEnvelope(bytes(envelope), "application/json");
                    parser.fromContained(bytes(containedXml), "application/fhir+xml");
                    parser.fromTransaction(bytes(Fixtures.transaction(fixture, false)), "application/fhir+json");
                    parser.fromTransaction(bytes(Fixtures.transaction(fixture, true)), "application/xml");
                })
                .doesNotThrowAnyException();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refusal(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(InputRejectedException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
