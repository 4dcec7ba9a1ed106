package io.rxflow.hub.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.springframework.stereotype.Component;

/**
 * Parsers for answers and stored resources, one per thread and format: configuring a HAPI parser
 * costs more than using one, and parsers are not shared between threads.
 */
@Component
public class FhirWriters {
    private final ThreadLocal<IParser> json;
    private final ThreadLocal<IParser> xml;

    public FhirWriters(FhirContext fhir) {
        this.json = ThreadLocal.withInitial(fhir::newJsonParser);
        this.xml = ThreadLocal.withInitial(fhir::newXmlParser);
    }

    /** This thread's parser for the format. */
    public IParser of(FhirFormat format) {
        return format == FhirFormat.JSON ? json.get() : xml.get();
    }
}
