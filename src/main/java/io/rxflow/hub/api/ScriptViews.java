package io.rxflow.hub.api;

import io.rxflow.hub.intake.InputRejectedException;
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
    /** The XML of {@code script-latest.sql}'s row; 404 when the prescription has no NewRx. */
    public String stored(@Body Map<String, Object> row) {
        if (row == null || row.get("xml") == null) {
            throw new NotFoundException("No SCRIPT message for that prescription");
        }
        return (String) row.get("xml");
    }

    /** {@code ?version=} is 2023011 (the default) or 2017071 (converted by rx-script-to-2017071). */
    public void requireKnownVersion(@Header("version") String version) {
        if (version != null && !version.isBlank() && !"2023011".equals(version) && !"2017071".equals(version)) {
            throw new InputRejectedException(
                    400, IssueType.VALUE, "script-version-unknown", "version must be 2023011 or 2017071", "version");
        }
    }

    public void answer(@Body String xml, Exchange exchange) {
        HttpReplies.reply(exchange.getMessage(), 200, "application/xml", xml, null);
    }
}
