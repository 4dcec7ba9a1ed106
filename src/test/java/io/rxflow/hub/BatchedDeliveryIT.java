package io.rxflow.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Every {@link DeliveryIT} case again with several prescriptions in flight per pharmacy: one consumer
 * per pharmacy reading a poll batch at a time ({@code rx-dispatch-batches}) and eight of its
 * prescriptions delivered at once; exactly once through a down pharmacy, a broker restart and a stop
 * of every route, and the batches' offsets committed by the route.
 */
@TestPropertySource(
        properties = {"rxflow.dispatch.in-flight-per-pharmacy=8", "rxflow.dispatch.consumers-per-pharmacy=1"})
class BatchedDeliveryIT extends DeliveryIT {
    private static final List<String> PHARMACIES = List.of("1234563", "2345671", "3456786");

    @Test
    void readsEachPharmacysTopicABatchAtATimeAndCommitsWhatItDelivered() throws Exception {
        for (String p : PHARMACIES) {
            var consumer = camel.getRoute("rx-dispatch-" + p);
            assertThat(consumer.getEndpoint()).isInstanceOf(KafkaEndpoint.class);
            assertThat(((KafkaEndpoint) consumer.getEndpoint())
                            .getConfiguration()
                            .isBatching())
                    .as("rx-dispatch-%s reads batches", p)
                    .isTrue();
            assertThat(camel.getRoute("rx-dispatch-" + p + "-deliver")).isNotNull();
        }
        var inFlight = new DeliveriesInFlight("direct://rx-dispatch-deliver-1234563");
        camel.getManagementStrategy().addEventNotifier(inFlight);
        List<String> ids = submit("BATCH", 300, PHARMACIES);
        awaitStatus(ids, "delivered");
        assertDeliveredOnce(ids);
        var kafka = new KafkaTopics(broker.bootstrapServers());
        for (String p : PHARMACIES) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(kafka.uncommitted("rx-dispatch-" + p, "ncpdp.outbound." + p))
                            .as("records of ncpdp.outbound.%s not committed by rx-dispatch-%s", p, p)
                            .isZero());
        }
        camel.getManagementStrategy().removeEventNotifier(inFlight);
        assertThat(inFlight.most.get())
                .as("deliveries to 1234563 at once, with one consumer")
                .isGreaterThan(1)
                .isLessThanOrEqualTo(8);
    }

    /** Counts the exchanges inside one pharmacy's delivery route at once, and the most seen. */
    private static final class DeliveriesInFlight extends EventNotifierSupport {
        private final String endpoint;
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        DeliveriesInFlight(String endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeSendingEvent sending
                    && sending.getEndpoint().getEndpointUri().equals(endpoint)) {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
            } else if (event instanceof CamelEvent.ExchangeSentEvent sent
                    && sent.getEndpoint().getEndpointUri().equals(endpoint)) {
                now.decrementAndGet();
            }
        }
    }
}
