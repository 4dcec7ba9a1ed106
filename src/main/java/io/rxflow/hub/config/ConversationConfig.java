package io.rxflow.hub.config;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.conversation.CancelApi;
import io.rxflow.hub.conversation.CancelRequests;
import io.rxflow.hub.conversation.CancelRxBuilder;
import io.rxflow.hub.conversation.ConversationStore;
import io.rxflow.hub.conversation.InboundAnswers;
import io.rxflow.hub.conversation.InboundConversation;
import io.rxflow.hub.conversation.InboundFollowUps;
import io.rxflow.hub.conversation.InboundReader;
import io.rxflow.hub.conversation.OutboundMessages;
import io.rxflow.hub.conversation.PharmacyAuthentication;
import io.rxflow.hub.conversation.PharmacyInbound;
import io.rxflow.hub.conversation.PrescriberAnswers;
import io.rxflow.hub.conversation.PrescriberResponses;
import io.rxflow.hub.conversation.ResponseApi;
import io.rxflow.hub.conversation.ResponseBuilder;
import io.rxflow.hub.conversation.TaskViews;
import io.rxflow.hub.mapping.ScriptToFhir;
import io.rxflow.hub.outbox.EhrPushRows;
import io.rxflow.hub.outbox.OutboxRows;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.responses.ScriptAnswers;
import io.rxflow.hub.script.SchemaViolations;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptUpgrade;
import io.rxflow.hub.script.ScriptVersionConverter;
import io.rxflow.hub.script.ScriptXml;
import java.io.IOException;
import java.net.URL;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The conversation with pharmacies after the NewRx: {@code POST /ncpdp/inbound} (docs/conversation.md). */
@Configuration(proxyBeanMethods = false)
class ConversationConfig {

    @Bean
    ConversationStore conversationStore(DataSource dataSource) {
        return new ConversationStore(dataSource);
    }

    /** The one way out for the messages the prescriber's side sends after the NewRx (2017071 checked at once). */
    @Bean
    OutboundMessages outboundMessages(
            ConversationStore store,
            OutboxRows outboxRows,
            PharmacyDirectory directory,
            ObjectMapper json,
            Clock clock,
            ScriptSettings settings,
            ScriptSchemas schemas,
            HubProperties props) {
        // The stylesheet dispatch runs (rx-script-to-2017071), so a refusal here is the one it would give.
        var to2017071 = new ScriptVersionConverter(
                settings, schemas, stylesheet(props.script().stylesheet2017071()));
        return new OutboundMessages(store, outboxRows, directory, json, clock, to2017071);
    }

    @Bean
    CancelApi cancelApi(
            ConversationStore store,
            PlatformTransactionManager transactions,
            ScriptXml scriptXml,
            OutboundMessages out,
            ObjectMapper json,
            Clock clock) {
        var cancels = new CancelRequests(
                store, new TransactionTemplate(transactions), new CancelRxBuilder(scriptXml), out, clock);
        return new CancelApi(cancels, json);
    }

    @Bean
    ResponseApi responseApi(
            ConversationStore store,
            PlatformTransactionManager transactions,
            ScriptXml scriptXml,
            OutboundMessages out,
            ObjectMapper json,
            FhirContext fhir,
            Clock clock,
            EhrPushRows ehrPushes) {
        var responses = new PrescriberResponses(
                store, new TransactionTemplate(transactions), new ResponseBuilder(scriptXml), out, clock, ehrPushes);
        return new ResponseApi(new PrescriberAnswers(json), responses, fhir, json);
    }

    @Bean
    TaskViews taskViews(
            ConversationStore store,
            ScriptXml scriptXml,
            ScriptToFhir scriptToFhir,
            FhirContext fhir,
            ObjectMapper json) {
        return new TaskViews(store, scriptXml, scriptToFhir, fhir, json);
    }

    @Bean
    InboundReader inboundReader(
            ScriptXml scriptXml, ScriptSchemas schemas, ScriptUpgrade upgrade, ScriptSettings settings) {
        return new InboundReader(scriptXml, SchemaViolations.hub2023011(schemas), schemas, upgrade, settings);
    }

    @Bean
    InboundFollowUps inboundFollowUps(InboundReader reader) {
        return new InboundFollowUps(reader);
    }

    @Bean
    PharmacyInbound pharmacyInbound(
            PharmacyDirectory directory,
            InboundReader reader,
            InboundFollowUps followUps,
            ScriptXml scriptXml,
            ScriptSettings settings,
            ConversationStore store,
            PlatformTransactionManager transactions,
            ObjectMapper json,
            Clock clock,
            EhrPushRows ehrPushes) {
        var answers = new InboundAnswers(new ScriptAnswers(scriptXml), settings, clock);
        var conversation =
                new InboundConversation(reader, store, new TransactionTemplate(transactions), answers, json, ehrPushes);
        return new PharmacyInbound(
                new PharmacyAuthentication(directory), conversation, store, json, directory, followUps);
    }

    private static URL stylesheet(String location) {
        try {
            return new DefaultResourceLoader().getResource(location).getURL();
        } catch (IOException e) {
            throw new IllegalStateException("rxflow.script.stylesheet2017071 " + location + " cannot be read", e);
        }
    }
}
