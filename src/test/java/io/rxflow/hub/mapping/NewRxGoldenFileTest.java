package io.rxflow.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.script.ScriptXml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each mapped scenario's NewRx 2023011 (validated against the hub's schema on marshal)
 * must equal the reviewed {@code expected-2023011.xml}. Its 2017071 conversion is checked through the
 * production route by {@code script.ScriptTo2017071RouteTest}. Run with -Dgolden.update=true to rewrite
 * them after an intended change, then review the diff before committing.
 */
class NewRxGoldenFileTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final NewRxMapper MAPPER = MappingFixtures.mapper();
    private static final ScriptXml XML = new ScriptXml(MappingFixtures.SCHEMAS);

    static Stream<String> mappedScenarios() {
        return MappingFixtures.scenarios(false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappedScenarios")
    void mapsScenarioToGolden2023011(String scenario) throws IOException {
        Path dir = MappingFixtures.ROOT.resolve(scenario);
        MappingResult result = MAPPER.map(MappingFixtures.load(dir), MappingFixtures.MESSAGE_ID, MappingFixtures.SENT);
        assertThat(result.violations()).as("refusals").isEmpty();

        String xml2023 = XML.marshal(result.message());
        MappingFixtures.SCHEMAS.validate2023011(xml2023);
        compare(dir.resolve("expected-2023011.xml"), xml2023);
    }

    private static void compare(Path expectedFile, String actual) throws IOException {
        String normalised = actual.replace("\r\n", "\n").strip() + "\n";
        if (UPDATE) {
            Files.writeString(expectedFile, normalised, StandardCharsets.UTF_8);
        }
        assertThat(expectedFile).exists();
        assertThat(normalised).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }
}
