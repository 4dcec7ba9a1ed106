package io.rxflow.hub.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.RouteTestSupport;
import io.rxflow.hub.mapping.MappingFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Golden files of the 2017071 conversion, run through the production route {@code rx-script-to-2017071}
 * (camel-xslt with the shipped stylesheet, then the hub's 2017071 schema): each mapped scenario's
 * golden NewRx 2023011 must become its {@code expected-2017071.xml}, or be refused with the text of its
 * {@code expected-2017071-refusal.txt}. {@code NewRxGoldenFileTest} holds the 2023011 side. With
 * -Dgolden.update=true (after NewRxGoldenFileTest's update) it rewrites the 2017071 files; review the
 * diff before committing.
 */
@TestPropertySource(
        properties = "camel.main.routes-include-pattern=classpath:routes/rx-script.camel.yaml,"
                + "classpath:routes/rx-api-errors.camel.yaml")
class ScriptTo2017071RouteTest extends RouteTestSupport {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<String> mappedScenarios() {
        return MappingFixtures.scenarios(false);
    }

    @Override
    protected Set<String> routesUnderTest() {
        return Set.of("rx-script-to-2017071");
    }

    @Override
    protected void advise() {
        // Nothing to replace: the conversion reaches no database and no broker.
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappedScenarios")
    void convertsGoldenNewRxToGolden2017071(String scenario) throws IOException {
        Path dir = MappingFixtures.ROOT.resolve(scenario);
        String newRx2023011 = Files.readString(dir.resolve("expected-2023011.xml"), StandardCharsets.UTF_8);

        Exchange done =
                producer.send("direct:rx-script-to-2017071", e -> e.getMessage().setBody(newRx2023011));

        Path refusal = dir.resolve("expected-2017071-refusal.txt");
        if (Files.exists(refusal)) {
            assertThat(done.getException())
                    .isInstanceOf(ScriptConversionException.class)
                    .hasMessageContaining(Files.readString(refusal).strip());
            return;
        }
        assertThat(done.getException()).isNull();
        compare(dir.resolve("expected-2017071.xml"), done.getMessage().getBody(String.class));
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
