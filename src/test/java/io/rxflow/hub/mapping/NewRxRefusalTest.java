package io.rxflow.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.support.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Refusal scenarios: the exact FHIRPath and rule of every violation, in order, as expected-refusal.json says. */
class NewRxRefusalTest {
    private static final NewRxMapper MAPPER = MappingFixtures.mapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> refusedScenarios() {
        return MappingFixtures.scenarios(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedScenarios")
    void refusesScenarioNamingTheFhirElement(String scenario) throws IOException {
        Path dir = MappingFixtures.ROOT.resolve(scenario);
        List<Tuple> expected = new ArrayList<>();
        for (JsonNode v : JSON.readTree(dir.resolve("expected-refusal.json").toFile())) {
            expected.add(tuple(v.get("expression").asText(), v.get("rule").asText()));
        }

        MappingResult result = MAPPER.map(MappingFixtures.load(dir), MappingFixtures.MESSAGE_ID, MappingFixtures.SENT);

        assertThat(result.isMapped()).isFalse();
        assertThat(result.message()).isNull();
        assertThat(result.violations())
                .extracting(Violation::expression, Violation::rule)
                .containsExactlyElementsOf(expected);
        assertThat(result.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }
}
