package io.rxflow.hub.config;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.drugs.DrugTable;
import io.rxflow.hub.mapping.MappingResult;
import io.rxflow.hub.mapping.NewRxMapper;
import io.rxflow.hub.script.ScriptConversionException;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptValidationException;
import io.rxflow.hub.script.ScriptVersionConverter;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.support.PrescriptionResources;
import io.rxflow.hub.support.SamplePrescriptions;
import io.rxflow.hub.support.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.model.Medication;
import org.hl7.fhir.r5.model.MedicationRequest;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Patient;
import org.hl7.fhir.r5.model.Practitioner;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * {@code java -jar rxflow-hub.jar --check-schemas DIR}: maps the golden prescriptions shipped in the jar
 * ({@code check-schemas/}) with the hub's mapper and stylesheet, validates every NewRx produced, 2023011
 * and 2017071, against the operator's licensed schemas {@code DIR/2023011/transport.xsd} and
 * {@code DIR/2017071/transport.xsd} (the layout of {@code rxflow.script.official-schema-dir}), and
 * prints one line per message and a summary. Plain Java: no Spring, Camel or database is started.
 * Exit status 0 when every message is valid, 1 when any is not, 2 for a usage or schema folder error.
 */
public final class SchemaCheckCommand {
    /** The first program argument that selects this command instead of the hub. */
    public static final String OPTION = "--check-schemas";

    static final String GOLDEN = SamplePrescriptions.FOLDER;
    private static final String MESSAGE_ID = "00000000000000000000000000c0ffee";
    private static final Instant SENT = Instant.parse("2026-01-15T14:30:00Z");

    private final PrintStream out;
    private int valid;
    private int invalid;

    private SchemaCheckCommand(PrintStream out) {
        this.out = out;
    }

    /** Runs the check; {@code args} are the program arguments ({@value #OPTION} DIR). Returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !OPTION.equals(args[0])) {
            err.println("usage: java -jar rxflow-hub.jar " + OPTION + " DIR   (DIR/2023011/transport.xsd, "
                    + "DIR/2017071/transport.xsd)");
            return 2;
        }
        Path dir = Path.of(args[1]);
        Schema official23;
        Schema official17;
        try {
            official23 = official(dir, "2023011");
            official17 = official(dir, "2017071");
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (official23 == null && official17 == null) {
            err.println(dir + " has neither 2023011/" + ScriptSchemas.OFFICIAL_ROOT + " nor 2017071/"
                    + ScriptSchemas.OFFICIAL_ROOT);
            return 2;
        }
        return new SchemaCheckCommand(out).check(official23, official17);
    }

    private int check(Schema official23, Schema official17) {
        ScriptSettings settings = settings();
        ScriptSchemas hub = ScriptSchemas.load(null);
        var xml = new ScriptXml(hub);
        var converter = new ScriptVersionConverter(settings, hub);
        var mapper = new NewRxMapper(settings, drugs());
        var reader = new EnvelopeReader(FhirContext.forR5());
        for (String name : golden()) {
            MappingResult result = mapper.map(reader.read(GOLDEN + name), MESSAGE_ID, SENT);
            if (!result.isMapped()) {
                fail("2023011", name, "refused by the mapper: " + rules(result.violations()));
                continue;
            }
            String xml2023;
            try {
                xml2023 = xml.marshal(result.message());
            } catch (ScriptValidationException e) {
                fail("2023011", name, "not valid against the hub's own schema: " + e.getMessage());
                continue;
            }
            validate(official23, "2023011", name, xml2023);
            try {
                validate(
                        official17,
                        "2017071",
                        name,
                        converter.toScript2017071(xml2023).xml());
            } catch (ScriptConversionException | ScriptValidationException e) {
                fail("2017071", name, "not produced: " + e.getMessage());
            }
        }
        out.printf(
                "%d messages checked: %d valid, %d invalid against the schemas given%n",
                valid + invalid, valid, invalid);
        return invalid == 0 ? 0 : 1;
    }

    private void validate(Schema schema, String version, String name, String message) {
        if (schema == null) {
            out.printf("SKIP  %s  %s  (no %s/%s in the folder)%n", version, name, version, ScriptSchemas.OFFICIAL_ROOT);
            return;
        }
        try {
            schema.newValidator().validate(new StreamSource(new StringReader(message)));
            valid++;
            out.printf("PASS  %s  %s%n", version, name);
        } catch (SAXParseException e) {
            fail(
                    version,
                    name,
                    "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage());
        } catch (SAXException | IOException e) {
            fail(version, name, e.getMessage());
        }
    }

    private void fail(String version, String name, String why) {
        invalid++;
        out.printf("FAIL  %s  %s  %s%n", version, name, why);
    }

    private static String rules(List<Violation> violations) {
        return violations.stream().map(v -> v.expression() + " " + v.rule()).collect(Collectors.joining("; "));
    }

    /** The operator's package may include sibling files, so local file access (only) is allowed. */
    private static Schema official(Path dir, String version) {
        Path root = dir.resolve(version).resolve(ScriptSchemas.OFFICIAL_ROOT);
        if (!Files.isRegularFile(root)) {
            return null;
        }
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            return f.newSchema(root.toFile());
        } catch (SAXException e) {
            throw new IllegalStateException("schema " + root + " does not compile: " + e.getMessage(), e);
        }
    }

    /** Sender values as the hub's defaults (application.yaml); the schemas check shape, not partners. */
    private static ScriptSettings settings() {
        return new ScriptSettings(
                "RXFLOWHUB",
                "D",
                "RxFlow",
                "RxFlow Hub",
                "check-schemas",
                ScriptSettings.VersionAttributes.all(ScriptSettings.DEFAULT_2023011),
                ScriptSettings.VersionAttributes.all(ScriptSettings.DEFAULT_2017071),
                null,
                true);
    }

    private static DrugTable drugs() {
        try (InputStream in = resource("config/drugs.csv")) {
            return DrugTable.load(in, "config/drugs.csv");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the drug table shipped in the jar", e);
        }
    }

    /** The golden prescriptions' file names. */
    static List<String> golden() {
        return SamplePrescriptions.names();
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SchemaCheckCommand.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the classpath");
        }
        return in;
    }

    /** An intake envelope ({@code medication_request}, {@code patient}, ...) as the mapper's input. */
    private record EnvelopeReader(FhirContext fhir) {
        private static final ObjectMapper JSON = new ObjectMapper();

        PrescriptionResources read(String resource) {
            try (InputStream in = resource(resource)) {
                JsonNode envelope = JSON.readTree(in);
                return new PrescriptionResources(
                        parse(envelope, "medication_request", MedicationRequest.class),
                        parse(envelope, "patient", Patient.class),
                        parse(envelope, "practitioner", Practitioner.class),
                        parse(envelope, "pharmacy", Organization.class),
                        parse(envelope, "medication", Medication.class));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read golden prescription " + resource, e);
            }
        }

        private <T extends IBaseResource> T parse(JsonNode envelope, String field, Class<T> type) {
            JsonNode node = envelope.get(field);
            return node == null || node.isNull() ? null : fhir.newJsonParser().parseResource(type, node.toString());
        }
    }
}
