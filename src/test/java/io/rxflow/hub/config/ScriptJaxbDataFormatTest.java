package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rxflow.hub.mapping.MappingFixtures;
import io.rxflow.hub.script.PerThreadValidation;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.model.Message;
import javax.xml.validation.Schema;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.converter.jaxb.JaxbDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The NewRx's camel-jaxb step with one reused schema validator per thread validates as a new one would. */
class ScriptJaxbDataFormatTest {
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("reusing", ScriptJaxbDataFormat.hub2023011());
        camel.getRegistry().bind("stock", stockAsTheRouteHadIt());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reusing").marshal().custom("reusing").convertBodyTo(String.class);
                from("direct:stock").marshal().custom("stock").convertBodyTo(String.class);
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    /** The route's step before: {@code marshal: jaxb:} with the model, the hub's schema and UTF-8. */
    private static JaxbDataFormat stockAsTheRouteHadIt() {
        var f = new JaxbDataFormat();
        f.setContextPath("io.rxflow.hub.script.model");
        f.setSchema("classpath:" + ScriptSchemas.HUB_2023011);
        f.setEncoding("UTF-8");
        f.setContentTypeHeader(false);
        return f;
    }

    private String marshal(Message m) {
        return producer.requestBody("direct:reusing", m, String.class);
    }

    private static Message mapped() {
        return MappingFixtures.newRx("text-only-sig");
    }

    @Test
    void writesWhatTheStockStepWritesAndRefusesWhatTheSchemaRefusesMessageAfterMessage() {
        String expected = producer.requestBody("direct:stock", mapped(), String.class);
        Message nonAscii = MappingFixtures.newRxInvalidForTheSchema("text-only-sig");
        Message noQuantity = mapped();
        noQuantity.getBody().getNewRx().getMedicationPrescribed().setQuantity(null);

        assertThat(marshal(mapped())).isEqualTo(expected);
        assertThatThrownBy(() -> marshal(nonAscii)).isInstanceOf(CamelExecutionException.class);
        assertThat(marshal(mapped())).isEqualTo(expected);
        assertThatThrownBy(() -> marshal(noQuantity))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseMessage(rootMessageOfAFreshValidator(noQuantity));
        assertThatThrownBy(() -> marshal(nonAscii)).isInstanceOf(CamelExecutionException.class);
        assertThat(marshal(mapped())).isEqualTo(expected);
    }

    @Test
    void itsMarshallersShareOnePerThreadValidatorOverCamelsCompiledSchema() throws Exception {
        var format = (ScriptJaxbDataFormat) camel.getRegistry().lookupByName("reusing");

        Schema first = format.createMarshaller().getSchema();
        Schema second = format.createMarshaller().getSchema();

        assertThat(first).isInstanceOf(PerThreadValidation.class).isSameAs(second);
        assertThat(first.newValidatorHandler()).isSameAs(second.newValidatorHandler());
    }

    /** What the same failure says through the stock step (a new handler per marshal). */
    private String rootMessageOfAFreshValidator(Message m) {
        Throwable t = catchThrowable(() -> producer.requestBody("direct:stock", m, String.class));
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
