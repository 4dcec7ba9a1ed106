package io.rxflow.hub.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.xml.transform.ErrorListener;
import javax.xml.transform.Source;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import net.sf.saxon.TransformerFactoryImpl;
import net.sf.saxon.jaxp.TransformerImpl;

/**
 * Saxon-HE, as the hub's stylesheets need it: a stylesheet that does not compile is refused with
 * "file:line:column message" for each fault, and every {@code xsl:message} of a transformation is
 * kept for the thread that runs it ({@link XsltMessages}) instead of going to standard error. Used by
 * the camel-xslt endpoints ({@code transformerFactory=#scriptTransformerFactory}) and by
 * {@link ScriptVersionConverter}.
 */
public final class ScriptStylesheets extends TransformerFactoryImpl {

    @Override
    public Templates newTemplates(Source source) throws TransformerConfigurationException {
        List<String> faults = new ArrayList<>();
        ErrorListener previous = getErrorListener();
        setErrorListener(new CollectingListener(faults));
        try {
            return new MessageCapturingTemplates(super.newTemplates(source));
        } catch (TransformerConfigurationException e) {
            String detail = faults.isEmpty() ? located(e) : String.join("; ", faults);
            throw new TransformerConfigurationException(
                    "stylesheet " + source.getSystemId() + " does not compile: " + detail, e);
        } finally {
            setErrorListener(previous);
        }
    }

    /** "file:line:column message", so an operator editing the stylesheet finds the fault at once. */
    static String located(TransformerException e) {
        var loc = e.getLocator();
        if (loc == null) {
            return e.getMessage();
        }
        return loc.getSystemId() + ":" + loc.getLineNumber() + ":" + loc.getColumnNumber() + " " + e.getMessage();
    }

    /** Compiled once; each transformer it makes reports its xsl:message output to {@link XsltMessages}. */
    private record MessageCapturingTemplates(Templates compiled) implements Templates {
        @Override
        public Transformer newTransformer() throws TransformerConfigurationException {
            Transformer t = compiled.newTransformer();
            ((TransformerImpl) t).getUnderlyingXsltTransformer().setMessageHandler(XsltMessages::record);
            return t;
        }

        @Override
        public Properties getOutputProperties() {
            return compiled.getOutputProperties();
        }
    }

    private record CollectingListener(List<String> faults) implements ErrorListener {
        @Override
        public void warning(TransformerException e) {
            // Compile warnings (e.g. a version mismatch) are not failures.
        }

        @Override
        public void error(TransformerException e) {
            faults.add(located(e));
        }

        @Override
        public void fatalError(TransformerException e) {
            faults.add(located(e));
        }
    }

    /**
     * Runs a version stylesheet over one message with the target version's attributes as its
     * parameters (DatatypesVersion, TransportVersion, ...): the one way both directions convert.
     */
    static String convert(Templates templates, ScriptSettings.VersionAttributes version, String xml)
            throws TransformerException {
        var out = new java.io.StringWriter(4096);
        Transformer t = templates.newTransformer();
        t.setParameter("DatatypesVersion", version.datatypes());
        t.setParameter("TransportVersion", version.transport());
        t.setParameter("TransactionVersion", version.transaction());
        t.setParameter("StructuresVersion", version.structures());
        t.setParameter("ECLVersion", version.ecl());
        t.transform(
                new javax.xml.transform.stream.StreamSource(new java.io.StringReader(xml)),
                new javax.xml.transform.stream.StreamResult(out));
        return out.toString();
    }
}
