package io.rxflow.hub.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operations settings under {@code rxflow.ops}: the Hawtio/Jolokia users, the database probe behind
 * the service gate and readiness, and tracing. Meaning and defaults: {@code application.yaml}, README.
 */
@ConfigurationProperties("rxflow.ops")
public record OpsProperties(
        @DefaultValue List<User> users,
        @DefaultValue("2s") Duration dbProbeInterval,
        @DefaultValue("3s") Duration dbProbeTimeout,
        @DefaultValue Tracing tracing) {

    /**
     * An operator of the console: a name, a password (from the environment; a {@code {bcrypt}…} hash is
     * taken as is) and roles among {@code admin}, {@code ops_manager}, {@code ops_agent}. A user
     * without a password is not created.
     */
    public record User(String name, String password, @DefaultValue List<String> roles) {}

    /**
     * OpenTelemetry traces: the OTLP/HTTP endpoint (empty: tracing off), the service name, and the share
     * of prescriptions traced (0 to 1).
     */
    public record Tracing(
            @DefaultValue("") String otlpEndpoint,
            @DefaultValue("rxflow-hub") String serviceName,
            @DefaultValue("1.0") double sampleRatio) {
        public boolean enabled() {
            return otlpEndpoint != null && !otlpEndpoint.isBlank();
        }
    }
}
