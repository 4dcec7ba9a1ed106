package io.rxflow.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.RouteTestSupport;
import io.rxflow.hub.eventstore.DispatchOutcome;
import io.rxflow.hub.mapping.MappingFixtures;
import io.rxflow.hub.outbox.OutboxHeaders;
import io.rxflow.hub.responses.ScriptAnswers;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The dispatch routes as the hub makes them (one per pharmacy of {@code route-tests/pharmacies.yaml},
 * from the {@code rx-dispatch-http} and {@code rx-dispatch-kafka} templates), with the shared
 * {@code rx-dispatch-deliverable} sub-route, {@code rx-dispatch-record}, {@code rx-dead-letter},
 * the real 2017071 conversion and the {@code rx-delivery-errors} configuration. Kafka, SQL and the
 * pharmacies' HTTP endpoints are mocks.
 */
@TestPropertySource(
        properties = "camel.main.routes-include-pattern=classpath:routes/rx-dispatch.camel.yaml,"
                + "classpath:routes/rx-dead-letter.camel.yaml,classpath:routes/rx-script.camel.yaml,"
                + "classpath:routes/rx-api-errors.camel.yaml")
class DispatchRouteTest extends RouteTestSupport {
    private static final String HTTP = "1234563";
    private static final String HTTP_2017071 = "2345671";
    private static final String KAFKA = "3456786";
    private static final String FRAGILE = "4567890";
    private static final String BREAK_CONVERSION = "rxflow-test-break-2017071";

    @Autowired
    private DispatchRoutes routes;

    @Autowired
    private ScriptXml scriptXml;

    private int seen;

    @Override
    protected Set<String> routesUnderTest() {
        return Set.of("rx-dispatch-deliverable", "rx-dispatch-record", "rx-dead-letter", "rx-script-to-2017071");
    }

    @Override
    protected void advise() throws Exception {
        routes.sync(camel);
        for (String pharmacy : new String[] {HTTP, HTTP_2017071, FRAGILE}) {
            adviceWith(DispatchRoutes.routeId(pharmacy), a -> a.replaceFromWith("direct:ncpdp-outbound-" + pharmacy));
            adviceWith(DispatchRoutes.deliveryRouteId(pharmacy), a -> a.weaveByToString("Bean\\[.*pharmacyHttpClient.*")
                    .replace()
                    .to("mock:pharmacy-http-" + pharmacy));
        }
        adviceWith(DispatchRoutes.routeId(KAFKA), a -> a.replaceFromWith("direct:ncpdp-outbound-" + KAFKA));
        adviceWith(
                DispatchRoutes.deliveryRouteId(KAFKA),
                a -> a.weaveByToUri("kafka:*").replace().to("mock:pharmacy-topic-" + KAFKA));
        adviceWith("rx-dispatch-deliverable", a -> a.weaveByToUri("sql:classpath:sql/dispatch-seen.sql*")
                .replace()
                .to("mock:dispatch-seen"));
        // The group-committed write (a real PostgreSQL in DispatchRecorderIT) is the mock's job here.
        adviceWith(
                "rx-dispatch-record",
                a -> a.weaveById("rx-dispatch-record-write").replace().to("mock:dispatch-record"));
        adviceWith("rx-dead-letter", a -> a.weaveByToUri("kafka:*").replace().to("mock:dead-letter"));
        // A stylesheet defect: its output, when a test asks for it, is not valid SCRIPT 2017071.
        adviceWith("rx-script-to-2017071", a -> a.weaveByToUri("xslt:*")
                .after()
                .filter(a.header(BREAK_CONVERSION).isNotNull())
                .setBody(a.constant("<Message xmlns=\"http://www.ncpdp.org/schema/SCRIPT\"/>"))
                .end());
    }

    @Override
    protected void answers() {
        seen = 0;
        mock("dispatch-seen").whenAnyExchangeReceived(e -> e.getMessage().setHeader("rxSeen", seen));
        mock("dispatch-record").whenAnyExchangeReceived(e -> e.getMessage().setHeader("rxMarked", true));
    }

    @Test
    void deliversToTheHttpPharmacyAndRecordsDispatched() throws Exception {
        String newRx = newRx("text-only-sig");
        pharmacyAnswers(HTTP, status(newRx, "000"));
        pharmacyHttp(HTTP).expectedBodiesReceived(newRx);
        mock("dispatch-record").expectedMessageCount(1);
        mock("dead-letter").expectedMessageCount(0);

        send(HTTP, newRx, "m-delivered");

        assertMocksSatisfied();
        assertThat(advanced()).containsEntry("status", "delivered").containsEntry("prescriptionId", "p-m-delivered");
        assertThat(event()).containsEntry("eventType", "Dispatched");
        assertThat(recorded().markParams())
                .containsEntry("consumer", "rx-dispatch-" + HTTP)
                .containsEntry("messageId", "m-delivered");
    }

    @Test
    void recordsAPharmacyRefusalOnceWithoutRetrying() throws Exception {
        String newRx = newRx("text-only-sig");
        pharmacyAnswers(HTTP, error(newRx, "900"));
        pharmacyHttp(HTTP).expectedMessageCount(1);
        mock("dispatch-record").expectedMessageCount(1);
        mock("dead-letter").expectedMessageCount(0);

        send(HTTP, newRx, "m-rejected");

        assertMocksSatisfied();
        assertThat(advanced()).containsEntry("status", "rejected_by_pharmacy");
        assertThat(event()).containsEntry("eventType", "DispatchRejected");
    }

    @Test
    void skipsAMessageIdAlreadyRecorded() throws Exception {
        seen = 1;
        mock("dispatch-seen").expectedMessageCount(1);
        pharmacyHttp(HTTP).expectedMessageCount(0);
        mock("dispatch-record").expectedMessageCount(0);

        send(HTTP, newRx("text-only-sig"), "m-duplicate");

        assertMocksSatisfied();
    }

    @Test
    void leavesMessagesForOtherPharmaciesAlone() throws Exception {
        mock("dispatch-seen").expectedMessageCount(0);
        pharmacyHttp(HTTP).expectedMessageCount(0);

        producer.sendBodyAndHeaders(
                "direct:ncpdp-outbound-" + HTTP, newRx("text-only-sig"), headers(KAFKA, "m-not-mine"));

        assertMocksSatisfied();
    }

    @Test
    void producesToTheKafkaPharmacysTopicAndRecordsDispatched() throws Exception {
        String newRx = newRx("text-only-sig");
        mock("pharmacy-topic-" + KAFKA).expectedBodiesReceived(newRx);
        mock("dispatch-record").expectedMessageCount(1);

        send(KAFKA, newRx, "m-topic");

        assertMocksSatisfied();
        assertThat(advanced()).containsEntry("status", "dispatched");
        assertThat(event()).containsEntry("eventType", "Dispatched");
    }

    @Test
    void convertsTo2017071BeforeCallingA2017071Pharmacy() throws Exception {
        String newRx = newRx("text-only-sig");
        pharmacyAnswers(HTTP_2017071, status(newRx, "000"));
        pharmacyHttp(HTTP_2017071).expectedMessageCount(1);

        send(HTTP_2017071, newRx, "m-2017071");

        assertMocksSatisfied();
        assertThat(pharmacyHttp(HTTP_2017071).getExchanges().get(0).getMessage().getBody(String.class))
                .isEqualToIgnoringWhitespace(golden("text-only-sig", "expected-2017071.xml"));
        assertThat(event()).containsEntry("eventType", "Dispatched");
    }

    @Test
    void parksANewRx2017071CannotCarryAtOnce() throws Exception {
        String newRx = newRx("address-without-zip");
        expectParkedAtOnce(newRx);

        send(HTTP_2017071, newRx, "m-refused");

        assertParkedAtOnce(newRx, "ScriptConversionException");
    }

    @Test
    void parksASchemaInvalid2017071ConversionAtOnce() throws Exception {
        String newRx = newRx("text-only-sig");
        expectParkedAtOnce(newRx);

        Map<String, Object> headers = new HashMap<>(headers(HTTP_2017071, "m-invalid"));
        headers.put(BREAK_CONVERSION, "yes");
        producer.sendBodyAndHeaders("direct:ncpdp-outbound-" + HTTP_2017071, newRx, headers);

        assertParkedAtOnce(newRx, "ScriptValidationException");
    }

    @Test
    void retriesAnUnreachablePharmacyThenParksItWithItsBreakerOpen() throws Exception {
        pharmacyHttp(FRAGILE).whenAnyExchangeReceived(e -> {
            throw new PharmacyUnavailableException("pharmacy " + FRAGILE + " answered HTTP 503");
        });
        // Two failed calls open the breaker (minimum-number-of-calls 2); the two redeliveries left
        // never reach the pharmacy.
        pharmacyHttp(FRAGILE).expectedMessageCount(2);
        mock("dead-letter").expectedMessageCount(1);
        mock("dispatch-record").expectedMessageCount(1);

        send(FRAGILE, newRx("text-only-sig"), "m-breaker");

        assertMocksSatisfied();
        assertThat(mock("dead-letter").getExchanges().get(0).getMessage().getHeader("rxflow-dead-letter-reason"))
                .isEqualTo("CallNotPermittedException");
        assertThat(advanced()).containsEntry("status", "dispatch_failed");
        assertThat(event()).containsEntry("eventType", "DispatchFailed");
    }

    private void expectParkedAtOnce(String newRx) {
        // One pass through the shared sub-route: no redelivery.
        mock("dispatch-seen").expectedMessageCount(1);
        pharmacyHttp(HTTP_2017071).expectedMessageCount(0);
        mock("dead-letter").expectedBodiesReceived(newRx);
        mock("dispatch-record").expectedMessageCount(1);
    }

    private void assertParkedAtOnce(String newRx, String reason) throws InterruptedException {
        assertMocksSatisfied();
        Exchange parked = mock("dead-letter").getExchanges().get(0);
        assertThat(parked.getMessage().getHeader("rxflow-dead-letter-reason")).isEqualTo(reason);
        assertThat(parked.getMessage().getBody(String.class)).isEqualTo(newRx);
        assertThat(advanced()).containsEntry("status", "dispatch_failed");
        assertThat(event()).containsEntry("eventType", "DispatchFailed");
        assertThat((String) event().get("payload")).contains(reason);
    }

    private void send(String pharmacy, String newRx, String messageId) {
        producer.sendBodyAndHeaders("direct:ncpdp-outbound-" + pharmacy, newRx, headers(pharmacy, messageId));
    }

    private static Map<String, Object> headers(String pharmacy, String messageId) {
        return Map.of(
                OutboxHeaders.PHARMACY, pharmacy,
                OutboxHeaders.MESSAGE_ID, messageId,
                OutboxHeaders.PRESCRIPTION, "p-" + messageId);
    }

    private MockEndpoint pharmacyHttp(String pharmacy) {
        return mock("pharmacy-http-" + pharmacy);
    }

    private void pharmacyAnswers(String pharmacy, String reply) {
        pharmacyHttp(pharmacy).whenAnyExchangeReceived(e -> e.getMessage().setBody(reply));
    }

    @SuppressWarnings("unchecked")
    private DispatchOutcome recorded() {
        return mock("dispatch-record").getExchanges().get(0).getMessage().getBody(DispatchOutcome.class);
    }

    private Map<String, Object> advanced() {
        return recorded().advanceParams();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> event() {
        return recorded().eventParams(4, "rxflow-hub", recorded().messageId(), "now");
    }

    private String status(String newRx, String code) {
        Message request = scriptXml.unmarshal(newRx);
        return new ScriptAnswers(scriptXml).status(request, code, MappingFixtures.SETTINGS, "reply-1", Instant.now());
    }

    private String error(String newRx, String code) {
        Message request = scriptXml.unmarshal(newRx);
        return new ScriptAnswers(scriptXml)
                .error(request, null, code, null, null, MappingFixtures.SETTINGS, "reply-2", Instant.now());
    }

    private static String newRx(String scenario) throws IOException {
        return golden(scenario, "expected-2023011.xml");
    }

    private static String golden(String scenario, String file) throws IOException {
        return Files.readString(MappingFixtures.ROOT.resolve(scenario).resolve(file));
    }
}
