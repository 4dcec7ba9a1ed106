package io.rxflow.hub.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.intake.validation.PrescriptionValidator;
import io.rxflow.hub.support.PrescriptionResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;

/** Reads intake fixture envelopes into resource sets and builds the validator the tests share. */
public final class Envelopes {
    /** Creating a FhirContext costs seconds; one serves every test, as one serves the hub. */
    public static final FhirContext FHIR = FhirContext.forR5();

    /** "Now" for every validation test: a few days after the newest fixture was written. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    public static final String NON_CONTROLLED = "valid/amlodipine-ndc-4-4-2-text-only-sig.json";
    public static final String CII_BY_NDC = "valid/oxycodone-cii-ndc-prn-dose-range-no-refills.json";
    public static final String CII_BY_RXNORM_CONCEPT = "valid/oxycodone-cii-rxnorm-concept-future-effective-date.json";
    public static final String CIV_BY_NDC = "valid/diazepam-civ-ndc-prn-anxiety-two-refills.json";
    public static final String CONCEPT = "valid/lisinopril-rxnorm-concept-structured-daily-orderable-form-unit.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DrugTable DRUGS = loadDrugs();

    private Envelopes() {}

    /** The validator over the shipped drug table (config/drugs.csv) at the fixed test clock. */
    public static PrescriptionValidator validator() {
        return new PrescriptionValidator(DRUGS, CLOCK);
    }

    /** The validator's findings as (expression, rule) pairs, the part of a violation callers key on. */
    public static List<Tuple> verdict(PrescriptionResources r) {
        return validator().validate(r).stream()
                .map(v -> new Tuple(v.expression(), v.rule()))
                .toList();
    }

    /** A fixture by its path under fixtures/intake, e.g. {@code valid/x.json}. */
    public static PrescriptionResources fixture(String relative) {
        return read(root().resolve(relative));
    }

    /** Every JSON fixture in {@code valid} or {@code invalid}, sorted for stable test names. */
    public static List<Path> list(String folder) {
        try (Stream<Path> files = Files.list(root().resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PrescriptionResources read(Path envelope) {
        try {
            JsonNode tree = JSON.readTree(envelope.toFile());
            return new PrescriptionResources(
                    parse(tree, "medication_request", MedicationRequest.class),
                    parse(tree, "patient", Patient.class),
                    parse(tree, "practitioner", Practitioner.class),
                    parse(tree, "pharmacy", Organization.class),
                    parse(tree, "medication", Medication.class));
        } catch (IOException e) {
            throw new UncheckedIOException(envelope.toString(), e);
        }
    }

    private static <T extends IBaseResource> T parse(JsonNode tree, String member, Class<T> type) {
        JsonNode node = tree.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        // Strict: a misspelt or non-R5 element would otherwise be dropped silently and the fixture
        // would test less than it claims.
        return FHIR.newJsonParser()
                .setParserErrorHandler(new StrictErrorHandler())
                .parseResource(type, node.toString());
    }

    private static Path root() {
        try {
            return Path.of(Envelopes.class.getResource("/fixtures/intake").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DrugTable loadDrugs() {
        try (var csv = Envelopes.class.getResourceAsStream("/config/drugs.csv")) {
            return DrugTable.load(csv, "config/drugs.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
