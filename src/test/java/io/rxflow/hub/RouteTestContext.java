package io.rxflow.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.dispatch.DispatchOutcomes;
import io.rxflow.hub.dispatch.DispatchRoutes;
import io.rxflow.hub.dispatch.PharmacyHttpClient;
import io.rxflow.hub.dispatch.PollBudget;
import io.rxflow.hub.dispatch.ScriptVersions;
import io.rxflow.hub.intake.IntakeResults;
import io.rxflow.hub.mapping.MappingFixtures;
import io.rxflow.hub.outbox.RouteCorrelation;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.responses.InboundReplies;
import io.rxflow.hub.responses.PharmacyReplies;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptStylesheets;
import io.rxflow.hub.script.ScriptXml;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The Spring context of the {@code *RouteTest} classes: Camel with the YAML routes a test names
 * ({@code camel.main.routes-include-pattern}) and the named beans those routes call, built as the
 * {@code config/*Config} classes build them. No DataSource, no Kafka component, no embedded server:
 * every {@code sql:} and {@code kafka:} endpoint is replaced by a {@code mock:} before Camel starts.
 *
 * <p>Deliberately neither {@code @SpringBootConfiguration} nor {@code @Configuration}: the hub's own
 * component scan (the {@code *IT} classes, a hub started by {@code HubRestartIT}) must never find it,
 * and {@code @SpringBootTest} must keep finding only {@code RxFlowHubApplication}. The route tests
 * name it explicitly.
 */
@ImportAutoConfiguration(CamelAutoConfiguration.class)
public class RouteTestContext {

    @Bean
    RouteCorrelation routeCorrelation() {
        return new RouteCorrelation();
    }

    @Bean
    ObjectMapper objectMapper() {
        return new ObjectMapper();
    }

    @Bean
    ScriptSettings scriptSettings() {
        return MappingFixtures.SETTINGS;
    }

    @Bean
    ScriptSchemas scriptSchemas() {
        return MappingFixtures.SCHEMAS;
    }

    @Bean
    ScriptXml scriptXml(ScriptSchemas schemas) {
        return new ScriptXml(schemas);
    }

    @Bean
    ScriptStylesheets scriptTransformerFactory() {
        return new ScriptStylesheets();
    }

    @Bean
    PharmacyReplies pharmacyReplies(ScriptXml xml) {
        return new PharmacyReplies(xml);
    }

    @Bean
    InboundReplies inboundReplies(PharmacyReplies replies, ObjectMapper json) {
        return new InboundReplies(replies, json);
    }

    @Bean
    io.rxflow.hub.conversation.InboundFollowUps inboundFollowUps(
            ScriptXml xml, ScriptSchemas schemas, ScriptSettings settings) {
        return new io.rxflow.hub.conversation.InboundFollowUps(new io.rxflow.hub.conversation.InboundReader(
                xml,
                io.rxflow.hub.script.SchemaViolations.hub2023011(schemas),
                schemas,
                new io.rxflow.hub.script.ScriptUpgrade(settings),
                settings));
    }

    @Bean
    PharmacyDirectory pharmacyDirectory(ConfigurableEnvironment environment) {
        return new PharmacyDirectory(new ClassPathResource("route-tests/pharmacies.yaml"), environment);
    }

    @Bean
    DispatchOutcomes dispatchOutcomes(PharmacyDirectory directory, PharmacyReplies replies, ObjectMapper json) {
        return new DispatchOutcomes(directory, replies, json);
    }

    @Bean
    PharmacyHttpClient pharmacyHttpClient(PharmacyDirectory directory) {
        return new PharmacyHttpClient(directory);
    }

    @Bean
    ScriptVersions scriptVersions(ScriptSettings settings, ScriptSchemas schemas) {
        return new ScriptVersions(settings, schemas);
    }

    @Bean
    DispatchRoutes dispatchRoutes(PharmacyDirectory directory) {
        return new DispatchRoutes(
                directory,
                "ncpdp.outbound",
                topic -> {},
                id -> false,
                1,
                new PollBudget(10, 500, 30_000, 900_000, 200));
    }

    @Bean
    IntakeResults intakeResults() {
        return new IntakeResults();
    }

    /** {@code transacted} needs a transaction manager; with every SQL step mocked there is nothing to commit. */
    @Bean
    PlatformTransactionManager transactionManager() {
        return new NoTransactions();
    }

    private static final class NoTransactions extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            // Nothing to begin: no database.
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            // Nothing to commit.
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            // Nothing to roll back.
        }
    }
}
