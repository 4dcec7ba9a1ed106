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
 * A SCRIPT 2023011 message (NewRx or a message of the pharmacy conversation) to 2017071 with
 * {@code xslt/script-2023011-to-2017071.xsl} in plain Java: the golden-file tests, the mapping benchmark,
 * the check before a follow-up to a 2017071 pharmacy is stored and the simulator; the hub's dispatch
 * runs the same stylesheet through camel-xslt ({@code rx-script-to-2017071}). Compiled once with Saxon-HE ({@link ScriptStylesheets});
 * every result is validated against the hub's 2017071 schema (and the official one when configured).
 */
public final class ScriptVersionConverter {
    /** Classpath location of the stylesheet (the build copies the top-level xslt/ folder there). */
    public static final String DEFAULT_STYLESHEET = "xslt/script-2023011-to-2017071.xsl";

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
    public Conversion toScript2017071(String message2023011) {
        String converted;
        XsltMessages.begin();
        try {
            converted = ScriptStylesheets.convert(templates, version, message2023011);
        } catch (TransformerException e) {
            throw ScriptConversionException.refused(e);
        }
        String xml = converted;
        schemas.validate2017071(xml);
        return new Conversion(xml, XsltMessages.notes());
    }

    private static Templates compile(URL stylesheet) {
        try (InputStream in = stylesheet.openStream()) {
            return new ScriptStylesheets().newTemplates(new StreamSource(in, stylesheet.toExternalForm()));
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read stylesheet " + stylesheet, e);
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
