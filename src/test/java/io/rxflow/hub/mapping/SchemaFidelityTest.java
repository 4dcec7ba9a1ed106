package io.rxflow.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.responses.ScriptAnswers;
import io.rxflow.hub.script.ScriptConversionException;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptVersionConverter;
import io.rxflow.hub.script.ScriptXml;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schema fidelity (issue 10): every element path the mapper, the stylesheet and the Status/Error
 * answers produce is reviewed against the official NCPDP content model, and the hub's schemas declare
 * exactly that model for it. {@code src/test/resources/schema-fidelity/<version>.tsv} holds one row per
 * path: path, occurrences in the parent, content and source, tab-separated, content in the notation of the shared
 * reference script-schema-fidelity.md (children, or the text type). The paths come from mapping every
 * mapping and intake fixture (both versions); rows for paths only rarer input reaches are declared in
 * the same table. {@code -Dfidelity.print=true} prints what the schema declares for unreviewed paths.
 */
class SchemaFidelityTest {
    private static final Path TABLES = Path.of("src/test/resources/schema-fidelity");
    private static final Map<String, SortedSet<String>> EMITTED = new LinkedHashMap<>();

    @BeforeAll
    static void mapEveryFixture() {
        var mapper = MappingFixtures.mapper();
        var xml = new ScriptXml(MappingFixtures.SCHEMAS);
        var converter = new ScriptVersionConverter(MappingFixtures.SETTINGS, MappingFixtures.SCHEMAS);
        EMITTED.put("2023011", new TreeSet<>());
        EMITTED.put("2017071", new TreeSet<>());
        String aNewRx = null;
        for (Path input : inputs()) {
            MappingResult result =
                    mapper.map(MappingFixtures.loadEnvelope(input), MappingFixtures.MESSAGE_ID, MappingFixtures.SENT);
            if (!result.isMapped()) {
                continue;
            }
            String xml2023 = xml.marshal(result.message());
            aNewRx = xml2023;
            EMITTED.get("2023011").addAll(paths(xml2023));
            try {
                EMITTED.get("2017071")
                        .addAll(paths(converter.toScript2017071(xml2023).xml()));
            } catch (ScriptConversionException refusedFor2017071) {
                // A prescription 2017071 cannot carry produces no 2017071 message: nothing to review.
            }
        }
        var answers = new ScriptAnswers(xml);
        var request = xml.unmarshal(aNewRx);
        EMITTED.get("2023011")
                .addAll(paths(answers.status(request, "000", MappingFixtures.SETTINGS, "S1", MappingFixtures.SENT)));
        EMITTED.get("2023011")
                .addAll(paths(answers.error(
                        request,
                        null,
                        "900",
                        "2000",
                        "/Message/Body",
                        MappingFixtures.SETTINGS,
                        "E1",
                        MappingFixtures.SENT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023011", "2017071"})
    void everyElementPathTheHubProducesIsReviewedAgainstTheReference(String version) {
        Map<String, String[]> table = table(version);
        List<String> unreviewed =
                EMITTED.get(version).stream().filter(p -> !table.containsKey(p)).toList();
        if (Boolean.getBoolean("fidelity.print")) {
            var schema = XsdContentModels.load(schema(version));
            unreviewed.forEach(p -> {
                var d = schema.find(p);
                System.out.println(p + "\t" + (d == null ? "UNDECLARED" : d.occurs() + "\t" + d.content()) + "\t");
            });
        }
        assertThat(EMITTED.get(version)).as("paths produced from the fixtures").hasSizeGreaterThan(100);
        assertThat(unreviewed)
                .as("paths the hub produces with no row in " + version + ".tsv")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023011", "2017071"})
    void everyReviewedPathIsDeclaredWithTheOfficialContentModel(String version) {
        var schema = XsdContentModels.load(schema(version));
        List<String> wrong = new ArrayList<>();
        table(version).forEach((path, row) -> {
            var declared = schema.find(path);
            if (declared == null) {
                wrong.add(path + ": not declared in the hub's schema");
            } else if (!declared.occurs().equals(row[0])) {
                wrong.add(path + ": occurs " + declared.occurs() + ", the reference says " + row[0]);
            } else if (!normalised(declared.content()).equals(normalised(row[1]))) {
                wrong.add(path + ": declared as [" + declared.content() + "], the reference says [" + row[1] + "]");
            }
        });
        assertThat(wrong)
                .as("hub schema " + schema(version) + " against " + version + ".tsv")
                .isEmpty();
    }

    private static String schema(String version) {
        return "2023011".equals(version) ? ScriptSchemas.HUB_2023011 : ScriptSchemas.HUB_2017071;
    }

    /** Code lists compare as sets: the reference does not fix their order. */
    private static String normalised(String content) {
        if (content.startsWith("code {") && content.endsWith("}")) {
            return "code "
                    + new TreeSet<>(Arrays.asList(
                            content.substring(6, content.length() - 1).split(",\\s*")));
        }
        return content.strip();
    }

    /** path -> {occurs, content}; every row must name its source (fidelity item or reference section). */
    private static Map<String, String[]> table(String version) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(TABLES.resolve(version + ".tsv"))) {
            lines.map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> {
                        String[] cells = l.split("\t", -1);
                        if (cells.length != 4 || cells[3].isBlank() || rows.containsKey(cells[0])) {
                            throw new IllegalStateException(
                                    version + ".tsv: not 'path, occurs, content, source' (tab-separated): " + l);
                        }
                        rows.put(cells[0], new String[] {cells[1], cells[2]});
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static List<Path> inputs() {
        List<Path> out = new ArrayList<>();
        MappingFixtures.scenarios(false)
                .forEach(s -> out.add(MappingFixtures.ROOT.resolve(s).resolve("input.json")));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures/intake/valid"))) {
            files.filter(Files::isRegularFile).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Element paths without positions, e.g. Message/Body/NewRx/Patient/HumanPatient/Names/Name/LastName. */
    static SortedSet<String> paths(String xml) {
        SortedSet<String> out = new TreeSet<>();
        List<String> stack = new ArrayList<>();
        try {
            XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(new StringReader(xml));
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    stack.add(r.getLocalName());
                    out.add(String.join("/", stack));
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
