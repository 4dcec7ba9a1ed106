package io.rxflow.hub.script;

import io.rxflow.hub.script.model.Message;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * SCRIPT 2023011 XML in and out. Marshalling validates against the hub's schema (and the official one
 * when configured) and fails loudly: an invalid message never leaves. Unmarshalling is hardened (no
 * DOCTYPE, no external entities) and tolerant of elements the hub's lean schema does not define.
 */
public final class ScriptXml {
    private final ScriptSchemas schemas;
    private final PerThreadValidation hubSchema;
    /** A marshaller is not thread-safe but is reusable: one per thread, set up once. */
    private final ThreadLocal<Marshaller> marshallers;

    public ScriptXml(ScriptSchemas schemas) {
        this.schemas = Objects.requireNonNull(schemas);
        this.hubSchema = new PerThreadValidation(schemas.hub2023011());
        this.marshallers = ThreadLocal.withInitial(this::newMarshaller);
    }

    /** One JAXBContext per process: creating it is expensive, using it is thread-safe. */
    private static final class Context {
        static final JAXBContext INSTANCE = create();

        private static JAXBContext create() {
            try {
                return JAXBContext.newInstance(Message.class);
            } catch (JAXBException e) {
                throw new IllegalStateException("cannot build the SCRIPT JAXB context", e);
            }
        }
    }

    private static final XMLInputFactory INPUT = hardenedInput();

    /** The message as UTF-8 XML text, validated. */
    public String marshal(Message message) {
        var out = new StringWriter(4096);
        try {
            marshallers.get().marshal(message, out);
        } catch (RuntimeException e) {
            startAnew();
            throw e;
        } catch (JAXBException e) {
            startAnew();
            String detail =
                    e.getLinkedException() != null ? e.getLinkedException().getMessage() : e.getMessage();
            throw new ScriptValidationException(
                    "message not valid against " + ScriptSchemas.HUB_2023011 + ": " + detail, e);
        }
        String xml = out.toString();
        schemas.validateOfficial2023011(xml);
        return xml;
    }

    /** A failed document leaves the marshaller and the handler mid-way: the thread's next one starts anew. */
    private void startAnew() {
        marshallers.remove();
        hubSchema.discard();
    }

    private Marshaller newMarshaller() {
        try {
            Marshaller m = Context.INSTANCE.createMarshaller();
            m.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.TRUE);
            m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            m.setSchema(hubSchema);
            return m;
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot set up the SCRIPT marshaller", e);
        }
    }

    /** Parses a SCRIPT 2023011 message; a DOCTYPE (the door to XXE and entity bombs) is rejected outright. */
    public Message unmarshal(String xml) {
        try {
            XMLStreamReader plain = INPUT.createXMLStreamReader(new StringReader(xml));
            XMLStreamReader reader = INPUT.createFilteredReader(plain, r -> {
                if (r.getEventType() == XMLStreamConstants.DTD) {
                    throw new IllegalArgumentException("DOCTYPE declarations are not allowed in SCRIPT messages");
                }
                return true;
            });
            Unmarshaller u = Context.INSTANCE.createUnmarshaller();
            return u.unmarshal(reader, Message.class).getValue();
        } catch (XMLStreamException | JAXBException | IllegalArgumentException e) {
            throw new ScriptValidationException("SCRIPT message cannot be parsed: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static XMLInputFactory hardenedInput() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        return f;
    }
}
