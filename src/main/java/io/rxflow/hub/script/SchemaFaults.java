package io.rxflow.hub.script;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Schema validation of a message someone else wrote, naming the first faulty element by its XPath
 * ({@code /Message/Body/NewRx/Patient/HumanPatient/Names/Name/FirstName}), as a SCRIPT Error must for
 * DescriptionCode 3000. The parser refuses any DOCTYPE, so no entity is ever expanded.
 */
public final class SchemaFaults {
    private static final SAXParserFactory PARSERS = hardened();

    /** The first fault: the element's XPath and the validator's words (which may quote a value). */
    public record Fault(String xpath, String message) {}

    private SchemaFaults() {}

    static Optional<Fault> first(Schema schema, String xml) {
        ValidatorHandler validator = schema.newValidatorHandler();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("The XML validator cannot be hardened", e);
        }
        var tracker = new PathTracker();
        validator.setErrorHandler(tracker);
        try {
            XMLReader reader = PARSERS.newSAXParser().getXMLReader();
            tracker.setParent(reader);
            tracker.setContentHandler(validator);
            tracker.parse(new InputSource(new StringReader(xml)));
            return Optional.empty();
        } catch (Stop stop) {
            return Optional.of(stop.fault);
        } catch (SAXParseException e) {
            // Not well-formed (or a DOCTYPE): the parser's own error, located at the open element.
            return Optional.of(new Fault(
                    tracker.path(),
                    "XML syntax error at line " + e.getLineNumber() + ", column " + e.getColumnNumber()));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return Optional.of(new Fault(tracker.path(), "XML syntax error"));
        }
    }

    /** Keeps the path of the open element, with a position where a parent repeats a name. */
    private static final class PathTracker extends XMLFilterImpl implements ErrorHandler {
        private final Deque<String> steps = new ArrayDeque<>();
        private final Deque<Map<String, Integer>> seen = new ArrayDeque<>();

        PathTracker() {
            seen.push(new HashMap<>());
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            String name = localName.isEmpty() ? qName : localName;
            int n = seen.peek().merge(name, 1, Integer::sum);
            steps.addLast(n == 1 ? name : name + "[" + n + "]");
            seen.push(new HashMap<>());
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(uri, localName, qName);
            steps.removeLast();
            seen.pop();
        }

        String path() {
            return steps.isEmpty() ? "/" : "/" + String.join("/", steps);
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a message invalid.
        }

        @Override
        public void error(SAXParseException e) {
            throw new Stop(new Fault(path(), e.getMessage()));
        }

        @Override
        public void fatalError(SAXParseException e) {
            throw new Stop(new Fault(path(), e.getMessage()));
        }
    }

    /** Ends the parse at the first fault; unchecked so it passes through the parser untouched. */
    private static final class Stop extends RuntimeException {
        final transient Fault fault;

        Stop(Fault fault) {
            super(null, null, false, false);
            this.fault = fault;
        }
    }

    private static SAXParserFactory hardened() {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The XML parser cannot be hardened", e);
        }
        return f;
    }
}
