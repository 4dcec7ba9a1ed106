package io.rxflow.hub.simulator;

import static io.rxflow.hub.simulator.SimulatorFixtures.simulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaPharmaciesTest {

    @Test
    void readsNcpdpIdAndTopicFromAnEntry() {
        assertThat(KafkaPharmacies.parse("1234567:pharmacy.1234567"))
                .isEqualTo(new KafkaPharmacies.Entry("1234567", "pharmacy.1234567"));
    }

    @Test
    void refusesAnEntryWithoutATopicAtStartUp() {
        var props = new SimulatorProperties(true, Duration.ZERO, 0, 0, List.of("1234567"), "ncpdp.inbound");

        assertThatThrownBy(() -> new KafkaPharmacies(simulator(), props, () -> "127.0.0.1:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ncpdpId:topic");
    }

    @Test
    void startsNothingWithoutBrokers() {
        var props = new SimulatorProperties(
                true, Duration.ZERO, 0, 0, List.of("1234567:pharmacy.1234567"), "ncpdp.inbound");
        var pharmacies = new KafkaPharmacies(simulator(), props, () -> null);

        pharmacies.start();

        assertThat(pharmacies.isRunning()).isFalse();
    }
}
