package io.rxflow.hub.intake;

import java.io.StringReader;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;

/**
 * Refuses XML that declares a document type before any parser sees it: no DTD means no external
 * entities (XXE) and no entity expansion ("billion laughs"), whatever the parser's own settings. Then
 * one streaming pass, before HAPI's recursive parser, refuses documents nested deeper than
 * {@value #MAX_DEPTH} elements (thousands of nested extensions overflowed HAPI's stack) and counts the
 * root's {@code entry} children, so a Bundle's size is known before it is parsed.
 */
final class XmlGuard {
    /** Deepest accepted element nesting; a transaction Bundle's deepest real element is about 16 levels. */
    static final int MAX_DEPTH = 64;

    private static final XMLInputFactory INPUT = hardened();

    private XmlGuard() {}

    static void rejectDoctype(String xml) {
        int i = 0;
        int n = xml.length();
        while (i < n) {
            int lt = xml.indexOf('<', i);
            if (lt < 0 || lt + 1 >= n) {
                return;
            }
            if (xml.startsWith("<?", lt)) {
                i = skipPast(xml, lt, "?>");
            } else if (xml.startsWith("<!--", lt)) {
                i = skipPast(xml, lt, "-->");
            } else if (xml.regionMatches(true, lt, "<!DOCTYPE", 0, 9)) {
                throw InputRejectedException.malformed("XML with a DOCTYPE declaration is not accepted", null);
            } else {
                return; // the root element: a DOCTYPE can only come before it
            }
        }
    }

    /**
     * Reads the document once without building anything: 400 when it is not well-formed or nested too
     * deep. Returns the number of {@code entry} elements directly under the root.
     */
    static int scan(String xml, String root) {
        XMLStreamReader reader = null;
        try {
            reader = INPUT.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            int entries = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth > MAX_DEPTH) {
                        throw new InputRejectedException(
                                400,
                                IssueType.TOOCOSTLY,
                                "nesting-too-deep",
                                "XML nested deeper than " + MAX_DEPTH + " elements" + position(reader.getLocation())
                                        + "; no prescription needs that",
                                root);
                    }
                    if (depth == 2 && "entry".equals(reader.getLocalName())) {
                        entries++;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.DTD) {
                    throw InputRejectedException.malformed("XML with a DOCTYPE declaration is not accepted", null);
                }
            }
            return entries;
        } catch (XMLStreamException e) {
            throw InputRejectedException.malformed("Malformed XML" + position(e.getLocation()), root);
        } finally {
            close(reader);
        }
    }

    private static String position(Location at) {
        return at == null || at.getLineNumber() < 0
                ? ""
                : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // Nothing was opened that outlives the reader: it reads a string.
            }
        }
    }

    private static XMLInputFactory hardened() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        return f;
    }

    private static int skipPast(String xml, int from, String end) {
        int at = xml.indexOf(end, from);
        return at < 0 ? xml.length() : at + end.length();
    }
}
