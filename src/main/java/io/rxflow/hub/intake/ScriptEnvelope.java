package io.rxflow.hub.intake;

import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What the hub reads of a SCRIPT message before validating it: the root, its TransactionVersion, the
 * Body's transaction and the Header's MessageID and From (to address an Error to the sender). One
 * streaming pass with DTDs and entities off; the caller has already refused a DOCTYPE (XmlGuard).
 */
record ScriptEnvelope(
        String root,
        String rootNamespace,
        String transactionVersion,
        String transaction,
        String messageId,
        String from,
        String fromQualifier) {
    private static final XMLInputFactory INPUT = hardened();

    /** True for a 2017071 message (any 2017 schema date in TransactionVersion). */
    boolean is2017071() {
        return transactionVersion != null && transactionVersion.startsWith("2017");
    }

    static ScriptEnvelope read(String xml) {
        XMLStreamReader r = null;
        String root = null;
        String namespace = null;
        String version = null;
        String transaction = null;
        String messageId = null;
        String from = null;
        String qualifier = null;
        var path = new StringBuilder();
        try {
            r = INPUT.createXMLStreamReader(new StringReader(xml));
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    path.append('/').append(name);
                    String at = path.toString();
                    if (root == null) {
                        root = name;
                        namespace = r.getNamespaceURI();
                        version = r.getAttributeValue(null, "TransactionVersion");
                    } else if (at.equals("/" + root + "/Header/MessageID")) {
                        messageId = r.getElementText().strip();
                        path.setLength(path.lastIndexOf("/"));
                    } else if (at.equals("/" + root + "/Header/From")) {
                        qualifier = r.getAttributeValue(null, "Qualifier");
                        from = r.getElementText().strip();
                        path.setLength(path.lastIndexOf("/"));
                    } else if (transaction == null && at.equals("/" + root + "/Body/" + name)) {
                        transaction = name;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    path.setLength(path.lastIndexOf("/"));
                }
            }
        } catch (XMLStreamException e) {
            // XmlGuard.scan read the same text without fault; whatever was read so far is what there is.
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // reads a string: nothing to release
                }
            }
        }
        return new ScriptEnvelope(root, namespace, version, transaction, messageId, from, qualifier);
    }

    private static XMLInputFactory hardened() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        return f;
    }
}
