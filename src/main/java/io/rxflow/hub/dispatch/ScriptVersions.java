package io.rxflow.hub.dispatch;

import io.rxflow.hub.script.ScriptConversionException;
import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.XsltMessages;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The steps around the camel-xslt conversion of a message (NewRx, CancelRx, RxRenewalResponse,
 * RxChangeResponse) to SCRIPT 2017071 (route
 * {@code rx-script-to-2017071}): the envelope version attributes as stylesheet parameters, the
 * stylesheet's refusal as a {@link ScriptConversionException} with its reason, and the schema check
 * of the result with what the stylesheet dropped or recoded kept for the audit trail.
 */
public class ScriptVersions {
    /** Exchange variable: the conversion's notes (element paths only, no values). */
    public static final String NOTES = "rxScriptConversionNotes";

    private final ScriptSettings.VersionAttributes version;
    private final ScriptSchemas schemas;

    public ScriptVersions(ScriptSettings settings, ScriptSchemas schemas) {
        this.version = settings.script2017071();
        this.schemas = schemas;
    }

    /** camel-xslt hands exchange variables to the stylesheet as its parameters. */
    public void begin(Exchange exchange) {
        XsltMessages.begin();
        exchange.setVariable("DatatypesVersion", version.datatypes());
        exchange.setVariable("TransportVersion", version.transport());
        exchange.setVariable("TransactionVersion", version.transaction());
        exchange.setVariable("StructuresVersion", version.structures());
        exchange.setVariable("ECLVersion", version.ecl());
    }

    /** A failed transformation: the stylesheet's terminating message says what 2017071 cannot carry. */
    public void refused(Exception failure) {
        throw ScriptConversionException.refused(failure);
    }

    /** Validates the 2017071 message against the hub's (and the official) schema before it is used. */
    public String converted(String xml2017071, Exchange exchange) {
        schemas.validate2017071(xml2017071);
        List<String> notes = XsltMessages.notes();
        exchange.setVariable(NOTES, notes);
        return xml2017071;
    }
}
