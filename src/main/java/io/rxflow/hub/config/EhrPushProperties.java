package io.rxflow.hub.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pushing each change to the EHR's own FHIR server ({@code rxflow.ehr-push.*}; meaning and units in
 * {@code application.yaml}, docs/conversation.md). Off unless an EHR is named: {@code ehrs} maps the API
 * key id an EHR submits with ({@code key-} and 12 hex digits, as audited) to its server. A setting that
 * would push to nowhere, or leak, stops the hub at start naming the setting, never the token.
 */
@ConfigurationProperties("rxflow.ehr-push")
public record EhrPushProperties(
        @DefaultValue Map<String, Ehr> ehrs,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10") int batchSize,
        @DefaultValue("1s") Duration backoffInitial,
        @DefaultValue("5m") Duration backoffMax,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("2m") Duration lease) {

    private static final Pattern KEY_ID = Pattern.compile("key-[0-9a-f]{12}");
    private static final String PREFIX = "rxflow.ehr-push.";

    /**
     * One EHR's FHIR server: its base URL (e.g. {@code https://ehr.example/fhir/r5}) and an optional
     * bearer token, to be set from the environment only ({@code ${RXFLOW_EHR_..._TOKEN}}).
     */
    public record Ehr(String baseUrl, String bearerToken) {
        /** Never the token: settings are printed by actuator, failure analyzers and debuggers. */
        @Override
        public String toString() {
            return "Ehr[baseUrl=" + baseUrl + ", bearerToken=" + (hasToken() ? "******" : "none") + "]";
        }

        public boolean hasToken() {
            return bearerToken != null && !bearerToken.isBlank();
        }
    }

    public EhrPushProperties {
        if (ehrs == null) {
            ehrs = Map.of();
        }
        ehrs.forEach(EhrPushProperties::check);
        ehrs = Map.copyOf(ehrs);
        positive("poll-interval", pollInterval);
        positive("backoff-initial", backoffInitial);
        positive("timeout", timeout);
        positive("backoff-max", backoffMax);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException(PREFIX + "backoff-max must be at least backoff-initial");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException(PREFIX + "batch-size must be from 1 to 1000 (it is " + batchSize + ")");
        }
        if (lease == null || lease.compareTo(timeout.multipliedBy(batchSize)) < 0) {
            throw new IllegalArgumentException(PREFIX + "lease must cover a whole batch, batch-size times the timeout"
                    + " (it is " + lease + "): a claimed row still waiting its turn would be claimed again");
        }
    }

    /** True when at least one EHR is configured. */
    public boolean enabled() {
        return !ehrs.isEmpty();
    }

    /**
     * The production profile pushes over TLS only: a bearer token or a prescription's status sent in
     * clear text is readable on the way.
     */
    public void requireProductionSafe() {
        ehrs.forEach((id, ehr) -> {
            if (!URI.create(ehr.baseUrl().strip()).getScheme().equalsIgnoreCase("https")) {
                throw new IllegalArgumentException(
                        PREFIX + "ehrs." + id + ".base-url must be https:// under the production profile");
            }
        });
    }

    /**
     * Every EHR must be named by the id of a configured API key: a mistyped id would push nothing, silently.
     */
    static void requireKnownKeys(EhrPushProperties settings, Set<String> keyIds) {
        for (String id : settings.ehrs().keySet()) {
            if (!keyIds.contains(id)) {
                throw new IllegalArgumentException(PREFIX + "ehrs." + id + " names no key of rxflow.api.keys");
            }
        }
    }

    private static void check(String id, Ehr ehr) {
        String name = PREFIX + "ehrs." + id;
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(PREFIX + "ehrs: '" + id + "' is not an API key id (key- and the first"
                    + " 12 hex digits of the key's SHA-256, as the audit shows it); keys themselves never go here");
        }
        if (ehr == null
                || ehr.baseUrl() == null
                || ehr.baseUrl().isBlank()
                || ehr.baseUrl().contains("${")) {
            throw new IllegalArgumentException(name + ".base-url is blank or an unresolved ${...} placeholder:"
                    + " set the EHR's FHIR base URL, or remove the EHR to push nowhere");
        }
        baseUrl(name, ehr.baseUrl().strip());
        if (ehr.bearerToken() != null && ehr.bearerToken().contains("${")) {
            throw new IllegalArgumentException(
                    name + ".bearer-token is an unresolved ${...} placeholder: set its environment variable");
        }
        if (ehr.bearerToken() != null && !ehr.bearerToken().strip().matches("[\\x21-\\x7e]*")) {
            throw new IllegalArgumentException(name + ".bearer-token must be printable ASCII without spaces");
        }
    }

    private static void baseUrl(String name, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + ".base-url is not a URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(name + ".base-url must be an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // Credentials in a URL end up in logs; a query or fragment would be sent with every resource.
            throw new IllegalArgumentException(
                    name + ".base-url must carry no user info, query or fragment (a token goes in bearer-token)");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + name + " must be a positive duration (it is " + value + ")");
        }
    }
}
