package io.rxflow.hub.script;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Validates a received message against the hub's 2023011 schema and says where it fails as an XPath
 * ({@code /Message/Body/RxFill/StatusType}), which a SCRIPT Error with description code 3000 must
 * carry. Parsed with DOCTYPE declarations refused, so no entity is ever expanded.
 */
public final class SchemaViolations {
    /** The first violation: the XPath of the element being read and the validator's message. */
    public record Violation(String xpath, String message) {}

    private static final SAXParserFactory SAX = hardenedSax();

    private final Schema schema;

    SchemaViolations(Schema schema) {
        this.schema = schema;
    }

    /** The hub's 2023011 schema. */
    public static SchemaViolations hub2023011(ScriptSchemas schemas) {
        return new SchemaViolations(schemas.hub2023011());
    }

    /** Empty when {@code xml} is valid; the first violation otherwise. */
    public Optional<Violation> check(String xml) {
        ValidatorHandler handler = schema.newValidatorHandler();
        PathTracker path = new PathTracker();
        try {
            XMLReader reader = SAX.newSAXParser().getXMLReader();
            path.setParent(reader);
            path.setContentHandler(handler);
            path.parse(new InputSource(new StringReader(xml)));
            return Optional.empty();
        } catch (SAXException e) {
            return Optional.of(new Violation(path.xpath(), e.getMessage()));
        } catch (IOException | ParserConfigurationException e) {
            return Optional.of(new Violation("/Message", e.getMessage()));
        }
    }

    /** Keeps the path of open elements; the element that fails is on top when the validator throws. */
    private static final class PathTracker extends XMLFilterImpl {
        private final Deque<String> open = new ArrayDeque<>();
        private String last = "";

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            open.addLast(localName.isEmpty() ? qName : localName);
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            last = xpath();
            super.endElement(uri, localName, qName);
            open.pollLast();
        }

        String xpath() {
            if (open.isEmpty()) {
                return last.isEmpty() ? "/Message" : last;
            }
            return "/" + String.join("/", open);
        }
    }

    private static SAXParserFactory hardenedSax() {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The SAX parser cannot be hardened", e);
        }
    }
}
