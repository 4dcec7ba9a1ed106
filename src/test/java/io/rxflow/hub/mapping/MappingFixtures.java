package io.rxflow.hub.mapping;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.model.Message;
import io.rxflow.hub.support.PrescriptionResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;

/** Loads the envelope fixtures under src/test/resources/fixtures/mapping and builds the objects under test. */
public final class MappingFixtures {
    /** One FhirContext for every test: creating one costs seconds. */
    public static final FhirContext FHIR = FhirContext.forR5();

    public static final Path ROOT = Path.of("src/test/resources/fixtures/mapping");
    public static final String MESSAGE_ID = "6f1c2d3e4a5b4c6d8e9f00112233aabc";
    public static final Instant SENT = Instant.parse("2026-01-15T14:30:00Z");
    public static final ScriptSettings SETTINGS = new ScriptSettings(
            "HUBPRESCRIBER01",
            "D",
            "RxFlow",
            "RxFlow Hub",
            "0.1.0",
            ScriptSettings.VersionAttributes.all(ScriptSettings.DEFAULT_2023011),
            ScriptSettings.VersionAttributes.all(ScriptSettings.DEFAULT_2017071),
            "urn:rxflow:test:state-license",
            true);
    public static final DrugTable DRUGS = shippedDrugTable();
    public static final ScriptSchemas SCHEMAS = ScriptSchemas.load(null);

    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingFixtures() {}

    public static PrescriptionResources load(String scenario) {
        return load(ROOT.resolve(scenario));
    }

    public static PrescriptionResources load(Path dir) {
        return loadEnvelope(dir.resolve("input.json"));
    }

    /** An intake envelope file, e.g. one of src/test/resources/fixtures/intake/valid. */
    public static PrescriptionResources loadEnvelope(Path file) {
        try {
            JsonNode envelope = JSON.readTree(file.toFile());
            return new PrescriptionResources(
                    parse(envelope, "medication_request", MedicationRequest.class),
                    parse(envelope, "patient", Patient.class),
                    parse(envelope, "practitioner", Practitioner.class),
                    parse(envelope, "pharmacy", Organization.class),
                    parse(envelope, "medication", Medication.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Scenario folders; {@code refused} selects those with an expected-refusal.json. */
    public static Stream<String> scenarios(boolean refused) {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            List<String> names = dirs.filter(Files::isDirectory)
                    .filter(d -> Files.exists(d.resolve("expected-refusal.json")) == refused)
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NewRxMapper mapper() {
        return new NewRxMapper(SETTINGS, DRUGS);
    }

    /** A scenario's NewRx, mapped with the fixed MessageID and sent time. */
    public static Message newRx(String scenario) {
        return mapper().map(load(scenario), MESSAGE_ID, SENT).message();
    }

    /** A scenario's NewRx with a patient name the hub's schema refuses (not ASCII), past the mapper's checks. */
    public static Message newRxInvalidForTheSchema(String scenario) {
        Message m = newRx(scenario);
        m.getBody()
                .getNewRx()
                .getPatient()
                .getHumanPatient()
                .getNames()
                .getName()
                .setLastName("M\u00dcLLER");
        return m;
    }

    private static <T extends IBaseResource> T parse(JsonNode envelope, String field, Class<T> type) {
        JsonNode node = envelope.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        IParser parser = FHIR.newJsonParser();
        return parser.parseResource(type, node.toString());
    }

    private static DrugTable shippedDrugTable() {
        try (InputStream in = MappingFixtures.class.getClassLoader().getResourceAsStream("config/drugs.csv")) {
            return DrugTable.load(in, "config/drugs.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
