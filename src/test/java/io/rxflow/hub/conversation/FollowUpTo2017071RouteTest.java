package io.rxflow.hub.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.RouteTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Golden files of the 2017071 conversion of the pharmacy conversation, run through the production
 * route {@code rx-script-to-2017071} (camel-xslt with the shipped stylesheet, then the hub's 2017071
 * schema), as dispatch runs it: each follow-up of {@link FollowUpVersionsTest} must become
 * {@code fixtures/conversation-2017071/<name>.xml}. With -Dgolden.update=true it rewrites them; review
 * the diff before committing. SentTime and a renewal's LastFillDate are left out of the comparison (the
 * pharmacy system stamps today).
 */
@TestPropertySource(
        properties = "camel.main.routes-include-pattern=classpath:routes/rx-script.camel.yaml,"
                + "classpath:routes/rx-api-errors.camel.yaml")
class FollowUpTo2017071RouteTest extends RouteTestSupport {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path GOLDEN = Path.of("src/test/resources/fixtures/conversation-2017071");

    @Override
    protected Set<String> routesUnderTest() {
        return Set.of("rx-script-to-2017071");
    }

    @Override
    protected void advise() {
        // Nothing to replace: the conversion reaches no database and no broker.
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.rxflow.hub.conversation.FollowUpVersionsTest#followUps")
    void convertsEachFollowUpToItsGolden2017071(String name, String xml2023011) throws IOException {
        Exchange done =
                producer.send("direct:rx-script-to-2017071", e -> e.getMessage().setBody(xml2023011));

        assertThat(done.getException()).isNull();
        String actual = done.getMessage()
                        .getBody(String.class)
                        .replace("\r\n", "\n")
                        .replaceAll("<SentTime>[^<]*</SentTime>", "<SentTime/>")
                        .replaceAll("(?s)<LastFillDate>.*?</LastFillDate>", "<LastFillDate/>")
                        .strip()
                + "\n";
        Path expected = GOLDEN.resolve(name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".xml");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        assertThat(expected).exists();
        assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
