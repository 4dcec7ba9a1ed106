package io.rxflow.hub.simulator;

import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptVersionConverter;
import io.rxflow.hub.script.ScriptXml;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The simulator's beans, present only when {@code rxflow.simulator.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "rxflow.simulator", name = "enabled", havingValue = "true")
class SimulatorConfig {

    @Bean
    PharmacySimulator pharmacySimulator(
            ObjectProvider<ScriptXml> scriptXml,
            ScriptSchemas schemas,
            ScriptSettings settings,
            SimulatorProperties props) {
        // The hub's ScriptXml when it has one; a private one costs nothing (the JAXB context is shared).
        ScriptXml xml = scriptXml.getIfAvailable(() -> new ScriptXml(schemas));
        return new PharmacySimulator(xml, schemas, settings, props);
    }

    /** The pharmacies' follow-ups to the hub; without a configured hub URL, to this process's own port. */
    @Bean(destroyMethod = "close")
    SimulatedConversation simulatedConversation(
            PharmacySimulator simulator,
            ObjectProvider<ScriptXml> scriptXml,
            ScriptSchemas schemas,
            ConversationProperties props,
            ScriptSettings settings,
            Environment env) {
        ScriptXml xml = scriptXml.getIfAvailable(() -> new ScriptXml(schemas));
        var conversation = new SimulatedConversation(
                new FollowUpMessages(xml),
                props,
                () -> props.hubUrl().isBlank()
                        ? "http://127.0.0.1:" + env.getProperty("local.server.port", "8080")
                        : props.hubUrl(),
                java.time.Clock.systemUTC(),
                new ScriptVersionConverter(settings, schemas));
        simulator.conversation(conversation);
        return conversation;
    }

    /** Always declared (a YAML list cannot be tested by a property condition); it starts nothing without topics. */
    @Bean
    KafkaPharmacies kafkaPharmacies(PharmacySimulator simulator, SimulatorProperties props, Environment env) {
        return new KafkaPharmacies(simulator, props, () -> env.getProperty("rxflow.kafka.brokers"));
    }
}
