package io.rxflow.hub.script;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import javax.xml.transform.Templates;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.stream.StreamSource;

/**
 * A received SCRIPT 2017071 message (a sender's NewRx, a pharmacy's follow-up) to 2023011 with
 * {@code xslt/script-2017071-to-2023011.xsl} (Saxon-HE, compiled once). The caller validates the input against the hub's 2017071 schema first and the result
 * against the 2023011 one; what the stylesheet refuses is a {@link ScriptConversionException} whose
 * message starts with the XPath of the element it could not carry.
 */
public final class ScriptUpgrade {
    /** Classpath location of the stylesheet (the build copies the top-level xslt/ folder there). */
    public static final String DEFAULT_STYLESHEET = "xslt/script-2017071-to-2023011.xsl";

    /** The converted message and what the conversion dropped (element paths, no PHI). */
    public record Upgraded(String xml, List<String> notes) {}

    private final Templates templates;
    private final ScriptSettings.VersionAttributes version;

    public ScriptUpgrade(ScriptSettings settings) {
        this.version = Objects.requireNonNull(settings).script2023011();
        URL url = ScriptUpgrade.class.getClassLoader().getResource(DEFAULT_STYLESHEET);
        if (url == null) {
            throw new IllegalStateException("stylesheet missing from the classpath: " + DEFAULT_STYLESHEET);
        }
        try (InputStream in = url.openStream()) {
            this.templates = new ScriptStylesheets().newTemplates(new StreamSource(in, url.toExternalForm()));
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read stylesheet " + url, e);
        }
    }

    /** Converts a schema-valid 2017071 message; refusals name the element (terminating xsl:message). */
    public Upgraded toScript2023011(String message2017071) {
        String converted;
        XsltMessages.begin();
        try {
            converted = ScriptStylesheets.convert(templates, version, message2017071);
        } catch (TransformerException e) {
            String reason = XsltMessages.refusal();
            throw new ScriptConversionException(reason.isEmpty() ? "cannot convert to SCRIPT 2023011" : reason, e);
        }
        return new Upgraded(converted, XsltMessages.notes());
    }
}
