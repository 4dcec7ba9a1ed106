package io.rxflow.hub.intake;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.intake.validation.PrescriptionValidator;
import io.rxflow.hub.intake.validation.ValidationFailedException;
import io.rxflow.hub.support.PrescriptionResources;
import io.rxflow.hub.support.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;

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

    private static final DrugTable DRUGS = loadDrugs();
    private static final IntakeParser PARSER = new IntakeParser(FHIR, new ObjectMapper());

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

    /** An envelope fixture's resources, parsed and resolved as the hub does it. */
    public static PrescriptionResources read(Path envelope) {
        return parse(envelope).resources();
    }

    /**
     * A fixture parsed as the hub parses its shape: files directly in {@code valid} or {@code invalid} are
     * envelopes, those under {@code create/} FHIR create bodies, those under {@code transaction/} Bundles;
     * {@code .xml} files are FHIR XML.
     */
    public static IntakeRequest parse(Path fixture) {
        try {
            byte[] body = Files.readAllBytes(fixture);
            String folder = fixture.getParent().getFileName().toString();
            String type = fixture.toString().endsWith(".xml") ? "application/fhir+xml" : "application/fhir+json";
            return switch (folder) {
                case "create" -> PARSER.fromContained(body, type);
                case "transaction" -> PARSER.fromTransaction(body, type);
                default -> PARSER.fromEnvelope(body, "application/json");
            };
        } catch (IOException e) {
            throw new UncheckedIOException(fixture.toString(), e);
        }
    }

    /** Every violation of a fixture: a refusal while resolving its references, else the validator's findings. */
    public static List<Violation> violations(Path fixture) {
        try {
            return validator().validate(parse(fixture).resources());
        } catch (ValidationFailedException e) {
            return e.violations();
        }
    }

    /** The FHIR create and transaction fixtures of {@code valid} or {@code invalid}, JSON and XML. */
    public static List<Path> fhirShapes(String folder) {
        List<Path> found = new ArrayList<>();
        for (String shape : List.of("create", "transaction")) {
            try (Stream<Path> files = Files.list(root().resolve(folder).resolve(shape))) {
                files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".xml"))
                        .sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The rule a fixture's file name states: the part before "--" (text-too-long--sig.json). */
    public static String ruleOf(Path fixture) {
        return fixture.getFileName().toString().replaceAll("\\.(json|xml)$", "").split("--")[0];
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
