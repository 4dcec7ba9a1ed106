package io.rxflow.hub.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the production profile while a required setting is unset, blank or an unresolved
 * {@code ${...}} placeholder. Spring's binder keeps an unresolved placeholder as literal text, which
 * would otherwise become an accepted API key or a known idempotency secret. Runs as a bean factory
 * post-processor so it fails before any bean (database pool, broker client, web server) is made.
 */
@Component
final class RequiredSettings implements BeanFactoryPostProcessor, EnvironmentAware {
    static final String PROFILE = "production";

    /** Property to the environment variable that sets it, as config/application-production.yaml maps them. */
    static final Map<String, String> PRODUCTION = productionSettings();

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!Arrays.asList(environment.getActiveProfiles()).contains(PROFILE)) {
            return;
        }
        List<String> missing = missing(environment);
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    /** The environment variables (with their property) whose production setting is unusable. */
    static List<String> missing(Environment env) {
        List<String> missing = new ArrayList<>();
        PRODUCTION.forEach((property, variable) -> {
            if (!usable(value(env, property))) {
                missing.add(variable + " (" + property + ")");
            }
        });
        return missing;
    }

    /** A usable setting is neither blank nor an unresolved placeholder; never log the value itself. */
    static boolean usable(String value) {
        return value != null && !value.isBlank() && !value.contains("${");
    }

    private static String value(Environment env, String property) {
        try {
            return env.getProperty(property);
        } catch (IllegalArgumentException unresolvedPlaceholder) {
            return null;
        }
    }

    private static Map<String, String> productionSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("rxflow.api.keys", "RXFLOW_API_KEYS");
        settings.put("rxflow.idempotency.secret", "RXFLOW_IDEMPOTENCY_SECRET");
        settings.put("rxflow.db.url", "RXFLOW_DB_URL");
        settings.put("rxflow.db.user", "RXFLOW_DB_USER");
        settings.put("rxflow.db.password", "RXFLOW_DB_PASSWORD");
        settings.put("rxflow.kafka.brokers", "RXFLOW_KAFKA_BROKERS");
        settings.put("rxflow.pharmacies.file", "RXFLOW_PHARMACIES");
        return Collections.unmodifiableMap(settings);
    }

    /** The start-up failure; {@link MissingSettingsFailureAnalyzer} prints it as an operator reads it. */
    static final class MissingSettingsException extends IllegalStateException {
        private final List<String> missing;

        MissingSettingsException(List<String> missing) {
            super("The production profile cannot start without: " + String.join(", ", missing)
                    + ". Set each in the environment (config/application-production.yaml); blank values and"
                    + " unresolved ${...} placeholders are refused.");
            this.missing = List.copyOf(missing);
        }

        List<String> missing() {
            return missing;
        }
    }
}
