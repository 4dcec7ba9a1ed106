package io.rxflow.hub.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.RouteTestSupport;
import io.rxflow.hub.mapping.MappingFixtures;
import io.rxflow.hub.script.ScriptXml;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code rx-pharmacy-replies} under the shared {@code rx-delivery-errors}: a reply the hub can place
 * lands on the prescription's stream; one it cannot read or place is parked on the dead letter at
 * once, and (having no delivery of its own) records no DispatchFailed.
 */
@TestPropertySource(
        properties = "camel.main.routes-include-pattern=classpath:routes/rx-pharmacy-replies.camel.yaml,"
                + "classpath:routes/rx-dispatch.camel.yaml,classpath:routes/rx-dead-letter.camel.yaml,"
                + "classpath:routes/rx-api-errors.camel.yaml")
class PharmacyRepliesRouteTest extends RouteTestSupport {
    @Autowired
    private ScriptXml scriptXml;

    private Map<String, Object> prescription;

    @Override
    protected Set<String> routesUnderTest() {
        return Set.of("rx-pharmacy-replies", "rx-dispatch-record", "rx-dead-letter");
    }

    @Override
    protected void advise() throws Exception {
        adviceWith("rx-pharmacy-replies", a -> {
            a.replaceFromWith("direct:ncpdp-inbound");
            a.weaveByToUri("sql:classpath:sql/prescription-by-newrx.sql*")
                    .replace()
                    .to("mock:prescription-by-newrx");
        });
        adviceWith("rx-dispatch-record", a -> {
            a.weaveByToUri("sql:classpath:sql/dispatch-mark-processed.sql*")
                    .replace()
                    .to("mock:dispatch-mark-processed");
            a.weaveByToUri("sql:classpath:sql/prescription-advance.sql*")
                    .replace()
                    .to("mock:prescription-advance");
            a.weaveByToUri("sql:classpath:sql/event-append.sql*").replace().to("mock:event-append");
        });
        adviceWith("rx-dead-letter", a -> a.weaveByToUri("kafka:*").replace().to("mock:dead-letter"));
    }

    @Override
    protected void answers() {
        prescription = Map.of("id", "rx-1");
        mock("prescription-by-newrx")
                .whenAnyExchangeReceived(e -> e.getMessage().setBody(prescription));
        mock("dispatch-mark-processed")
                .whenAnyExchangeReceived(e -> e.getMessage().setHeader("rxMarked", 1));
        mock("prescription-advance").whenAnyExchangeReceived(e -> e.getMessage().setHeader("rxVersion", 5));
    }

    @Test
    void recordsAPlacedReplyOnThePrescriptionsStream() throws Exception {
        mock("event-append").expectedMessageCount(1);
        mock("dead-letter").expectedMessageCount(0);

        producer.sendBody("direct:ncpdp-inbound", statusReply());

        assertMocksSatisfied();
        assertThat(mock("event-append").getExchanges().get(0).getMessage().getBody(Map.class))
                .containsEntry("eventType", "PharmacyReplied")
                .containsEntry("prescriptionId", "rx-1");
    }

    @Test
    void parksAReplyToAnUnknownNewRxAtOnceWithoutAnEvent() throws Exception {
        prescription = null;
        String reply = statusReply();
        mock("prescription-by-newrx").expectedMessageCount(1);
        mock("dead-letter").expectedBodiesReceived(reply);
        mock("dead-letter").expectedHeaderReceived("rxflow-dead-letter-reason", "UnknownReplyException");
        mock("event-append").expectedMessageCount(0);

        producer.sendBody("direct:ncpdp-inbound", reply);

        assertMocksSatisfied();
    }

    @Test
    void parksAnUnreadableReplyAtOnce() throws Exception {
        mock("prescription-by-newrx").expectedMessageCount(0);
        mock("dead-letter").expectedHeaderReceived("rxflow-dead-letter-reason", "InvalidReplyException");
        mock("event-append").expectedMessageCount(0);

        producer.sendBody("direct:ncpdp-inbound", "<not-script/>");

        assertMocksSatisfied();
    }

    private String statusReply() throws Exception {
        String newRx = Files.readString(MappingFixtures.ROOT.resolve("text-only-sig/expected-2023011.xml"));
        return new ScriptAnswers(scriptXml)
                .status(scriptXml.unmarshal(newRx), "000", MappingFixtures.SETTINGS, "reply-9", Instant.now());
    }
}
