package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.script.ScriptSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check-schemas DIR} run in plain Java against the hub's own schemas and a stricter copy. */
class SchemaCheckCommandTest {
    private static final Path SCRIPT = Path.of("src/main/resources");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SchemaCheckCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** DIR/2023011/transport.xsd and DIR/2017071/transport.xsd, copies of the hub's own schemas. */
    private static Path schemaFolder(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("2023011"));
        Files.createDirectories(dir.resolve("2017071"));
        Files.copy(SCRIPT.resolve(ScriptSchemas.HUB_2023011), dir.resolve("2023011/transport.xsd"));
        Files.copy(SCRIPT.resolve(ScriptSchemas.HUB_2017071), dir.resolve("2017071/transport.xsd"));
        return dir;
    }

    @Test
    void passesEveryGoldenMessageOfBothVersionsAgainstTheHubsOwnSchemas(@TempDir Path dir) throws IOException {
        int status = run(SchemaCheckCommand.OPTION, schemaFolder(dir).toString());

        int messages = 2 * SchemaCheckCommand.golden().size();
        assertThat(output().lines().filter(l -> l.startsWith("PASS  "))).hasSize(messages);
        assertThat(output()).contains(messages + " messages checked: " + messages + " valid, 0 invalid");
        assertThat(status).isZero();
    }

    @Test
    void failsWithANonZeroStatusNamingEachMessageAStricterSchemaRejects(@TempDir Path dir) throws IOException {
        Path schema = schemaFolder(dir).resolve("2017071/transport.xsd");
        // Stricter than the hub (and the official schema): no "TO" range in a 2017071 Frequency or Interval.
        Files.writeString(
                schema,
                Files.readString(schema)
                        .replace(
                                "<xs:enumeration value=\"TO\"><xs:annotation><xs:documentation>To</xs:documentation>"
                                        + "</xs:annotation></xs:enumeration>",
                                ""));

        int status = run(SchemaCheckCommand.OPTION, dir.toString());

        assertThat(output()).contains("FAIL  2017071  structured-sig-frequency-range-prn.json  line ");
        assertThat(output()).contains("FAIL  2017071  structured-sig-interval-range-prn.json  line ");
        assertThat(output()).contains("PASS  2023011  structured-sig-frequency-range-prn.json");
        assertThat(output()).containsPattern("messages checked: \\d+ valid, 2 invalid");
        assertThat(status).isEqualTo(1);
    }

    @Test
    void refusesAFolderWithoutSchemas(@TempDir Path dir) {
        assertThat(run(SchemaCheckCommand.OPTION, dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2023011/transport.xsd");
    }

    @Test
    void explainsItsUsageWithoutAFolder() {
        assertThat(run(SchemaCheckCommand.OPTION)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("usage: java -jar rxflow-hub.jar --check-schemas DIR");
    }

    @Test
    void indexListsEveryGoldenPrescriptionShippedInTheJar() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPT.resolve("check-schemas"))) {
            assertThat(SchemaCheckCommand.golden())
                    .hasSizeBetween(10, 20)
                    .containsExactlyInAnyOrderElementsOf(
                            files.map(p -> p.getFileName().toString())
                                    .filter(n -> n.endsWith(".json"))
                                    .toList());
        }
    }
}
