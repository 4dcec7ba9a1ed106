package io.rxflow.hub.responses;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.RouteTestSupport;
import io.rxflow.hub.eventstore.DispatchOutcome;
import io.rxflow.hub.mapping.MappingFixtures;
import io.rxflow.hub.script.ScriptXml;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            a.weaveByToUri("sql:classpath:sql/reply-target.sql*").replace().to("mock:reply-target");
        });
        // The group-committed write (a real PostgreSQL in DispatchRecorderIT) is the mock's job here.
        adviceWith(
                "rx-dispatch-record",
                a -> a.weaveById("rx-dispatch-record-write").replace().to("mock:dispatch-record"));
        adviceWith("rx-dead-letter", a -> a.weaveByToUri("kafka:*").replace().to("mock:dead-letter"));
    }

    @Override
    protected void answers() {
        prescription = Map.of("id", "rx-1", "message_type", "NewRx");
        mock("reply-target").whenAnyExchangeReceived(e -> e.getMessage().setBody(prescription));
        mock("dispatch-record").whenAnyExchangeReceived(e -> e.getMessage().setHeader("rxMarked", true));
    }

    @Test
    void recordsAPlacedReplyOnThePrescriptionsStream() throws Exception {
        mock("dispatch-record").expectedMessageCount(1);
        mock("dead-letter").expectedMessageCount(0);

        producer.sendBody("direct:ncpdp-inbound", statusReply());

        assertMocksSatisfied();
        DispatchOutcome outcome =
                mock("dispatch-record").getExchanges().get(0).getMessage().getBody(DispatchOutcome.class);
        assertThat(outcome.eventType()).isEqualTo("PharmacyReplied");
        assertThat(outcome.prescriptionId()).isEqualTo("rx-1");
        assertThat(outcome.status()).isEqualTo("delivered");
        // reply-target.sql's parameters come as a Map body, the MessageID of the NewRx answered.
        String newRx = Files.readString(MappingFixtures.ROOT.resolve("text-only-sig/expected-2023011.xml"));
        Matcher messageId = Pattern.compile("<MessageID>([^<]+)</MessageID>").matcher(newRx);
        assertThat(messageId.find()).isTrue();
        assertThat(mock("reply-target").getExchanges().get(0).getMessage().getBody())
                .isEqualTo(Map.of("relatesTo", messageId.group(1)));
    }

    @Test
    void aReplyToACancelRxLeavesTheStatusToTheConversation() throws Exception {
        prescription = Map.of("id", "rx-1", "message_type", "CancelRx");
        mock("dispatch-record").expectedMessageCount(1);
        mock("dead-letter").expectedMessageCount(0);

        producer.sendBody("direct:ncpdp-inbound", statusReply());

        assertMocksSatisfied();
        DispatchOutcome outcome =
                mock("dispatch-record").getExchanges().get(0).getMessage().getBody(DispatchOutcome.class);
        assertThat(outcome.eventType()).isEqualTo("PharmacyReplied");
        assertThat(outcome.status())
                .as("a taken CancelRx is settled by its CancelRxResponse")
                .isNull();
        assertThat(outcome.payloadJson()).contains("\"message_type\":\"CancelRx\"");
    }

    @Test
    void parksAReplyToAnUnknownNewRxAtOnceWithoutAnEvent() throws Exception {
        prescription = null;
        String reply = statusReply();
        mock("reply-target").expectedMessageCount(1);
        mock("dead-letter").expectedBodiesReceived(reply);
        mock("dead-letter").expectedHeaderReceived("rxflow-dead-letter-reason", "UnknownReplyException");
        mock("dispatch-record").expectedMessageCount(0);

        producer.sendBody("direct:ncpdp-inbound", reply);

        assertMocksSatisfied();
    }

    @Test
    void parksAnUnreadableReplyAtOnce() throws Exception {
        mock("reply-target").expectedMessageCount(0);
        mock("dead-letter").expectedHeaderReceived("rxflow-dead-letter-reason", "InvalidReplyException");
        mock("dispatch-record").expectedMessageCount(0);

        producer.sendBody("direct:ncpdp-inbound", "<not-script/>");

        assertMocksSatisfied();
    }

    private String statusReply() throws Exception {
        String newRx = Files.readString(MappingFixtures.ROOT.resolve("text-only-sig/expected-2023011.xml"));
        return new ScriptAnswers(scriptXml)
                .status(scriptXml.unmarshal(newRx), "000", MappingFixtures.SETTINGS, "reply-9", Instant.now());
    }
}
