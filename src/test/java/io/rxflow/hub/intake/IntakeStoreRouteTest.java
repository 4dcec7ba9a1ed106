package io.rxflow.hub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.RouteTestSupport;
import io.rxflow.hub.eventstore.Event;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code rx-intake-store}, the intake transaction, with its SQL statements as mocks: a claimed key
 * writes the events and the outbox row; a key claimed before finds the stored prescription and writes
 * nothing.
 */
@TestPropertySource(
        properties = "camel.main.routes-include-pattern=classpath:routes/rx-intake.camel.yaml,"
                + "classpath:routes/rx-api-errors.camel.yaml")
class IntakeStoreRouteTest extends RouteTestSupport {
    private static final OffsetDateTime RECEIVED = OffsetDateTime.of(2026, 1, 15, 14, 30, 0, 0, ZoneOffset.UTC);

    private Object claimedId;

    @Override
    protected Set<String> routesUnderTest() {
        return Set.of("rx-intake-store");
    }

    @Override
    protected void advise() throws Exception {
        adviceWith("rx-intake-store", a -> {
            a.weaveByToUri("sql:classpath:sql/prescription-claim.sql*")
                    .replace()
                    .to("mock:prescription-claim");
            a.weaveByToUri("sql:classpath:sql/prescription-find-by-key.sql*")
                    .replace()
                    .to("mock:prescription-find-by-key");
            a.weaveByToUri("sql:classpath:sql/event-append.sql*").replace().to("mock:event-append");
            a.weaveByToUri("sql:classpath:sql/outbox-append.sql*").replace().to("mock:outbox-append");
        });
    }

    @Override
    protected void answers() {
        claimedId = null;
        mock("prescription-claim").whenAnyExchangeReceived(e -> e.getMessage().setHeader("rxClaimedId", claimedId));
        mock("prescription-find-by-key").whenAnyExchangeReceived(e -> e.getMessage()
                .setBody(Map.of(
                        "id",
                        "rx-stored",
                        "status",
                        "delivered",
                        "is_controlled",
                        false,
                        "created_at",
                        RECEIVED.minusDays(1),
                        "version",
                        5,
                        "medication_request",
                        "{\"resourceType\":\"MedicationRequest\"}")));
    }

    @Test
    void appendsTheEventsAndTheOutboxRowOfAClaimedKey() throws Exception {
        claimedId = "rx-new";
        mock("prescription-claim").expectedMessageCount(1);
        mock("event-append").expectedMessageCount(1);
        mock("outbox-append").expectedMessageCount(1);
        mock("prescription-find-by-key").expectedMessageCount(0);

        IntakeResult result = store(command(true));

        assertMocksSatisfied();
        assertThat(result.created()).isTrue();
        assertThat(result.id()).isEqualTo("rx-new");
        List<?> events = mock("event-append").getExchanges().get(0).getMessage().getBody(List.class);
        assertThat(events).hasSize(3);
        assertThat(mock("outbox-append").getExchanges().get(0).getMessage().getBody(Map.class))
                .containsEntry("aggregateId", "rx-new");
    }

    @Test
    void writesNoOutboxRowForAPrescriptionWithoutAKnownPharmacy() throws Exception {
        claimedId = "rx-new";
        mock("event-append").expectedMessageCount(1);
        mock("outbox-append").expectedMessageCount(0);

        IntakeResult result = store(command(false));

        assertMocksSatisfied();
        assertThat(result.created()).isTrue();
    }

    @Test
    void answersAKeyClaimedBeforeWithTheStoredPrescriptionAndWritesNothing() throws Exception {
        mock("prescription-claim").expectedMessageCount(1);
        mock("prescription-find-by-key").expectedMessageCount(1);
        mock("event-append").expectedMessageCount(0);
        mock("outbox-append").expectedMessageCount(0);

        IntakeResult result = store(command(true));

        assertMocksSatisfied();
        assertThat(result.created()).isFalse();
        assertThat(result.id()).isEqualTo("rx-stored");
        assertThat(result.status()).isEqualTo("delivered");
        assertThat(mock("prescription-find-by-key")
                        .getExchanges()
                        .get(0)
                        .getIn()
                        .getBody(Map.class))
                .containsEntry("idempotencyKey", "hmac:key");
    }

    private IntakeResult store(IntakeCommand command) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty("rxCommand", command);
        Exchange done = producer.send("direct:rx-intake-store", exchange);
        assertThat(done.getException()).isNull();
        return done.getMessage().getBody(IntakeResult.class);
    }

    private static IntakeCommand command(boolean routed) {
        return new IntakeCommand(
                "rx-new",
                "hmac:key",
                false,
                "1234563",
                RECEIVED,
                "ehr-test",
                "correlation-1",
                "{\"resourceType\":\"MedicationRequest\"}",
                routed ? "prepared" : "routing_failed",
                "6f1c2d3e4a5b4c6d8e9f00112233aabc",
                List.of(
                        new Event(1, "PrescriptionReceived", "{}"),
                        new Event(2, "PrescriptionValidated", "{}"),
                        new Event(3, "NewRxPrepared", "{}")),
                routed ? Map.of("aggregateId", "rx-new", "type", "NewRx") : null);
    }
}
