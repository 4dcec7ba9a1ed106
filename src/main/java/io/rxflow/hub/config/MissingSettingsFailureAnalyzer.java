package io.rxflow.hub.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused production start into Spring Boot's "APPLICATION FAILED TO START" report naming each variable. */
final class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<RequiredSettings.MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RequiredSettings.MissingSettingsException cause) {
        return new FailureAnalysis(
                "The production profile needs settings that are unset, blank or an unresolved ${...}"
                        + " placeholder:\n  " + String.join("\n  ", cause.missing()),
                "Set each environment variable listed (see config/application-production.yaml and the README's"
                        + " configuration table), then start again.",
                cause);
    }
}
