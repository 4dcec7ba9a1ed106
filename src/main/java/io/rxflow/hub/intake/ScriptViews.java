package io.rxflow.hub.intake;

import io.rxflow.hub.mapping.ScriptVersionConverter;
import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.NotFoundException;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.hl7.fhir.r5.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

/** SCRIPT messages as answers: the stored NewRx, in the version the caller asks for. */
@Component("scriptViews")
public class ScriptViews {
    private final ScriptVersionConverter converter;

    public ScriptViews(ScriptVersionConverter converter) {
        this.converter = converter;
    }

    /** The XML of {@code script-latest.sql}'s row; 404 when the prescription has no NewRx. */
    public String stored(@Body Map<String, Object> row) {
        if (row == null || row.get("xml") == null) {
            throw new NotFoundException("No SCRIPT message for that prescription");
        }
        return (String) row.get("xml");
    }

    /** SCRIPT 2023011 as is, or converted to 2017071 (refused with 422 if 2017071 cannot carry it). */
    public String inRequestedVersion(@Body String xml2023011, @Header("version") String version) {
        if (version == null || version.isBlank() || "2023011".equals(version)) {
            return xml2023011;
        }
        if ("2017071".equals(version)) {
            return converter.toScript2017071(xml2023011).xml();
        }
        throw new InputRejectedException(
                400, IssueType.VALUE, "script-version-unknown", "version must be 2023011 or 2017071", "version");
    }

    public void answer(@Body String xml, Exchange exchange) {
        HttpReplies.reply(exchange.getMessage(), 200, "application/xml", xml, null);
    }
}
