package io.rxflow.hub.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.transform.ErrorListener;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.TransformerFactoryImpl;
import net.sf.saxon.jaxp.TransformerImpl;

/**
 * NewRx 2023011 to 2017071 with {@code xslt/newrx-2023011-to-2017071.xsl}, compiled once with
 * Saxon-HE; every result is validated against the hub's 2017071 schema (and the official one when
 * configured) before it is returned.
 */
public final class ScriptVersionConverter {
    /** Classpath location of the stylesheet (the build copies the top-level xslt/ folder there). */
    public static final String DEFAULT_STYLESHEET = "xslt/newrx-2023011-to-2017071.xsl";

    /** The converted message and what the conversion had to drop or recode (no PHI), for the audit log. */
    public record Conversion(String xml, List<String> notes) {}

    private final Templates templates;
    private final ScriptSettings.VersionAttributes version;
    private final ScriptSchemas schemas;

    /** Uses the stylesheet shipped in the jar. */
    public ScriptVersionConverter(ScriptSettings settings, ScriptSchemas schemas) {
        this(settings, schemas, classpath(DEFAULT_STYLESHEET));
    }

    /** Uses the stylesheet at {@code stylesheet}, e.g. an operator's file: URL. */
    public ScriptVersionConverter(ScriptSettings settings, ScriptSchemas schemas, URL stylesheet) {
        this.version = settings.script2017071();
        this.schemas = Objects.requireNonNull(schemas);
        this.templates = compile(Objects.requireNonNull(stylesheet));
    }

    /** Converts and validates; refuses with {@link ScriptConversionException} what 2017071 cannot carry. */
    public Conversion toScript2017071(String newRx2023011) {
        List<String> notes = new ArrayList<>();
        List<String> refusal = new ArrayList<>();
        var out = new StringWriter(4096);
        try {
            Transformer t = templates.newTransformer();
            ((TransformerImpl) t)
                    .getUnderlyingXsltTransformer()
                    .setMessageHandler(m -> (m.isTerminate() ? refusal : notes).add(m.getStringValue()));
            t.setParameter("DatatypesVersion", version.datatypes());
            t.setParameter("TransportVersion", version.transport());
            t.setParameter("TransactionVersion", version.transaction());
            t.setParameter("StructuresVersion", version.structures());
            t.setParameter("ECLVersion", version.ecl());
            t.transform(new StreamSource(new StringReader(newRx2023011)), new StreamResult(out));
        } catch (TransformerException e) {
            // A terminating xsl:message is the stylesheet's refusal; its text says what cannot be carried.
            String reason = refusal.isEmpty() ? e.getMessage() : String.join("; ", refusal);
            throw new ScriptConversionException("cannot convert to SCRIPT 2017071: " + reason, e);
        }
        String xml = out.toString();
        schemas.validate2017071(xml);
        return new Conversion(xml, List.copyOf(notes));
    }

    private static Templates compile(URL stylesheet) {
        var factory = new TransformerFactoryImpl();
        List<String> errors = new ArrayList<>();
        factory.setErrorListener(new CollectingListener(errors));
        try (InputStream in = stylesheet.openStream()) {
            return factory.newTemplates(new StreamSource(in, stylesheet.toExternalForm()));
        } catch (TransformerConfigurationException e) {
            String detail = errors.isEmpty() ? located(e) : String.join("; ", errors);
            throw new IllegalStateException("stylesheet does not compile: " + detail, e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read stylesheet " + stylesheet, e);
        }
    }

    /** "file:line:column message", so an operator editing the stylesheet finds the fault at once. */
    private static String located(TransformerException e) {
        var loc = e.getLocator();
        if (loc == null) {
            return e.getMessage();
        }
        return loc.getSystemId() + ":" + loc.getLineNumber() + ":" + loc.getColumnNumber() + " " + e.getMessage();
    }

    private record CollectingListener(List<String> errors) implements ErrorListener {
        @Override
        public void warning(TransformerException e) {
            // Compile warnings (e.g. version mismatch) are not failures.
        }

        @Override
        public void error(TransformerException e) {
            errors.add(located(e));
        }

        @Override
        public void fatalError(TransformerException e) {
            errors.add(located(e));
        }
    }

    private static URL classpath(String resource) {
        URL url = ScriptVersionConverter.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("stylesheet missing from the classpath: " + resource);
        }
        return url;
    }
}
