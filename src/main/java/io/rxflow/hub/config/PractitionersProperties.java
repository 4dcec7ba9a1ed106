package io.rxflow.hub.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The practitioner directory under {@code rxflow.practitioners}: FHIR R4 Bundles of Practitioners and
 * Organizations (Synthea's practitionerInformation and hospitalInformation files; Spring resource
 * locations) loaded at every start, as {@code POST /fhir/r4} would load them but without its body limit;
 * and the API keys (by key id, {@code *} for any) that may load or replace entries through the API.
 */
@ConfigurationProperties("rxflow.practitioners")
public record PractitionersProperties(@DefaultValue List<String> files, @DefaultValue("*") List<String> loaderKeys) {}
