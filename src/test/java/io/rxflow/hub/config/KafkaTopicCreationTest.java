package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hubs starting together against one broker both find a topic missing and both create it: the
 * second one's create must count the topic as there, not fail its start (TwoHubsIT found a hub that
 * started without dispatch routes this way). A real broker (the hub's in-JVM one).
 */
class KafkaTopicCreationTest {

    @TempDir
    Path dataDir;

    private EmbeddedKafkaBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aTopicAnotherInstanceCreatedMeanwhileCountsAsThere() throws Exception {
        broker = new EmbeddedKafkaBroker(dataDir, 0);
        String servers = broker.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            // The other instance got there first, after this one had listed the topics.
            admin.createTopics(List.of(new NewTopic("ncpdp.outbound.1234563", 3, (short) 1)))
                    .all()
                    .get();

            List<String> created = KafkaConfig.createMissing(
                    admin,
                    List.of(
                            new NewTopic("ncpdp.outbound.1234563", 3, (short) 1),
                            new NewTopic("ncpdp.outbound.2345671", 3, (short) 1)));

            assertThat(created).containsExactly("ncpdp.outbound.2345671");
            // A created topic reaches the broker's metadata a moment after the controller has it: a
            // listing straight after the create can miss it (seen once in CI).
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(admin.listTopics().names().get())
                            .contains("ncpdp.outbound.1234563", "ncpdp.outbound.2345671"));
        }
    }
}
