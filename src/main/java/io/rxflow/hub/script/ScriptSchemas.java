package io.rxflow.hub.script;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The hub's own SCRIPT schemas (always) and the official NCPDP ones (when an operator supplies them in
 * {@code rxflow.script.official-schema-dir}: {@code <dir>/2023011/transport.xsd} and/or
 * {@code <dir>/2017071/transport.xsd}, the root file of NCPDP's schema package). Schemas are compiled
 * once and are thread-safe; validators are made per call because they are not.
 */
public final class ScriptSchemas {
    /** Classpath location of the hub's 2023011 schema (also the xjc source). */
    public static final String HUB_2023011 = "script/2023011/rxflow-script-2023011.xsd";
    /** Classpath location of the hub's 2017071 schema (NewRx and the pharmacy conversation). */
    public static final String HUB_2017071 = "script/2017071/rxflow-script-2017071.xsd";
    /** Root file of an official schema package inside its version folder. */
    public static final String OFFICIAL_ROOT = "transport.xsd";

    private final Schema hub2023011;
    private final Schema hub2017071;
    private final Schema official2023011;
    private final Schema official2017071;

    private ScriptSchemas(Schema hub2023011, Schema hub2017071, Schema official2023011, Schema official2017071) {
        this.hub2023011 = hub2023011;
        this.hub2017071 = hub2017071;
        this.official2023011 = official2023011;
        this.official2017071 = official2017071;
    }

    /** Loads the hub's schemas and, when {@code officialSchemaDir} is not null, the official ones. */
    public static ScriptSchemas load(Path officialSchemaDir) {
        Schema official23 = null;
        Schema official17 = null;
        if (officialSchemaDir != null) {
            official23 = official(officialSchemaDir.resolve("2023011"));
            official17 = official(officialSchemaDir.resolve("2017071"));
            if (official23 == null && official17 == null) {
                throw new IllegalStateException("rxflow.script.official-schema-dir " + officialSchemaDir
                        + " has neither a 2023011/ nor a 2017071/ folder with " + OFFICIAL_ROOT);
            }
        }
        return new ScriptSchemas(hub(HUB_2023011), hub(HUB_2017071), official23, official17);
    }

    Schema hub2023011() {
        return hub2023011;
    }

    /** The first element of a received 2023011 message the hub's schema refuses, by XPath; empty when valid. */
    public java.util.Optional<SchemaFaults.Fault> fault2023011(String xml) {
        return SchemaFaults.first(hub2023011, xml);
    }

    /** The first element of a received 2017071 message the hub's schema refuses, by XPath; empty when valid. */
    public java.util.Optional<SchemaFaults.Fault> fault2017071(String xml) {
        return SchemaFaults.first(hub2017071, xml);
    }

    /** True when the operator's official schemas are in use for that version. */
    public boolean hasOfficial(String version) {
        return "2023011".equals(version) ? official2023011 != null : official2017071 != null;
    }

    /** Validates against the official 2023011 schema when present (the hub's own is applied on marshal). */
    public void validateOfficial2023011(String xml) {
        if (official2023011 != null) {
            validate(official2023011, xml, "official SCRIPT 2023011 schema");
        }
    }

    /** Validates against the hub's 2017071 schema, then the official one when present. */
    public void validate2017071(String xml) {
        validate(hub2017071, xml, HUB_2017071);
        if (official2017071 != null) {
            validate(official2017071, xml, "official SCRIPT 2017071 schema");
        }
    }

    /** Validates against the hub's 2023011 schema, then the official one when present. */
    public void validate2023011(String xml) {
        validate(hub2023011, xml, HUB_2023011);
        validateOfficial2023011(xml);
    }

    /** Validators are not thread-safe but costly to create per message: one per thread and schema. */
    private static final ThreadLocal<Map<Schema, Validator>> VALIDATORS = ThreadLocal.withInitial(IdentityHashMap::new);

    private static void validate(Schema schema, String xml, String schemaName) {
        Validator v = VALIDATORS.get().computeIfAbsent(schema, ScriptSchemas::hardenedValidator);
        try {
            // Each validate() call starts a fresh document, also after a failed one.
            v.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new ScriptValidationException(
                    "not valid against " + schemaName + " at line " + e.getLineNumber() + ", column "
                            + e.getColumnNumber() + ": " + e.getMessage(),
                    e);
        } catch (SAXException | IOException e) {
            throw new ScriptValidationException("not valid against " + schemaName + ": " + e.getMessage(), e);
        }
    }

    private static Validator hardenedValidator(Schema schema) {
        Validator v = schema.newValidator();
        try {
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("The XML validator cannot be hardened", e);
        }
        return v;
    }

    private static Schema hub(String resource) {
        URL url = ScriptSchemas.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("hub schema missing from the classpath: " + resource);
        }
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newSchema(url);
        } catch (SAXException e) {
            throw new IllegalStateException("hub schema " + resource + " does not compile: " + e.getMessage(), e);
        }
    }

    /** The official package includes sibling files, so local file access (only) is allowed for it. */
    private static Schema official(Path versionDir) {
        Path root = versionDir.resolve(OFFICIAL_ROOT);
        if (!Files.isDirectory(versionDir)) {
            return null;
        }
        if (!Files.isRegularFile(root)) {
            throw new IllegalStateException("official SCRIPT schema folder " + versionDir + " has no " + OFFICIAL_ROOT);
        }
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            return f.newSchema(root.toFile());
        } catch (SAXException e) {
            throw new IllegalStateException(
                    "official SCRIPT schema " + root + " does not compile: " + e.getMessage(), e);
        }
    }
}
