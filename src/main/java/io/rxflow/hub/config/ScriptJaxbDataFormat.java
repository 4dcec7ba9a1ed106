package io.rxflow.hub.config;

import io.rxflow.hub.script.PerThreadValidation;
import io.rxflow.hub.script.ScriptSchemas;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import javax.xml.validation.Schema;
import org.apache.camel.converter.jaxb.JaxbDataFormat;

/**
 * camel-jaxb's data format for SCRIPT 2023011, configured as the route's {@code jaxb} step was
 * (the hub's model, its schema from the classpath, UTF-8, formatted), except that validation reuses
 * one {@link javax.xml.validation.ValidatorHandler} per thread ({@link PerThreadValidation}) instead
 * of the new one JAXB makes for every marshal. Camel compiles and applies the schema and its
 * severity rule as usual; only the handler's life changes, not what is validated.
 */
final class ScriptJaxbDataFormat extends JaxbDataFormat {
    private volatile PerThreadValidation reusing;

    /** The data format for the hub's 2023011 model and schema. */
    static ScriptJaxbDataFormat hub2023011() {
        var f = new ScriptJaxbDataFormat();
        f.setContextPath("io.rxflow.hub.script.model");
        f.setSchema("classpath:" + ScriptSchemas.HUB_2023011);
        f.setEncoding("UTF-8");
        f.setContentTypeHeader(false);
        return f;
    }

    @Override
    protected Marshaller createMarshaller() throws JAXBException {
        Marshaller m = super.createMarshaller();
        Schema compiled = m.getSchema();
        if (compiled != null) {
            m.setSchema(reusing(compiled));
        }
        return m;
    }

    /** The per-thread wrapper of the schema Camel compiled (once, at start; again only if restarted). */
    private PerThreadValidation reusing(Schema compiled) {
        PerThreadValidation current = reusing;
        if (current == null || !current.wraps(compiled)) {
            current = new PerThreadValidation(compiled);
            reusing = current;
        }
        return current;
    }
}
