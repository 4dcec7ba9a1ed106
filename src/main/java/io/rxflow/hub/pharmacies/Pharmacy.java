package io.rxflow.hub.pharmacies;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One pharmacy (or network endpoint) of the directory: who it is, the SCRIPT version it reads, how
 * messages reach it, and its circuit breaker.
 */
public record Pharmacy(
        String ncpdpId,
        String npi,
        String name,
        @DefaultValue("2023011") String scriptVersion,
        Delivery delivery,
        @DefaultValue Breaker breaker,
        String phone,
        Address address,
        Inbound inbound) {

    /**
     * How the pharmacy proves who it is on {@code POST /ncpdp/inbound} (HTTP Basic, user = its NCPDP ID):
     * {@code credentialSha256} (hex SHA-256 of the secret, preferred) or {@code credential} (the secret,
     * only ever as a {@code ${...}} environment reference). Neither set: the pharmacy cannot send.
     */
    public record Inbound(String credential, String credentialSha256) {}

    /** The SHA-256 of the pharmacy's inbound credential, or null when it has no usable one. */
    public byte[] inboundCredentialHash() {
        return Credentials.hash(inbound);
    }

    /** Where the pharmacy is; re-routing a prescription to it puts this in the NewRx. */
    public record Address(String line, String city, String state, String postalCode) {}

    /** {@code http}: POST to {@code url}, SCRIPT reply in the response; {@code kafka}: produce to {@code topic}. */
    public record Delivery(
            @DefaultValue("http") String type,
            String url,
            String topic,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            String username,
            String password) {}

    /** Resilience4j settings of this pharmacy's breaker. */
    public record Breaker(
            @DefaultValue("50") int failureRateThreshold,
            @DefaultValue("10") int slidingWindowSize,
            @DefaultValue("5") int minimumNumberOfCalls,
            @DefaultValue("10s") Duration waitInOpenState) {}

    /** True when delivery is by HTTP POST. */
    public boolean http() {
        return delivery == null || "http".equalsIgnoreCase(delivery.type());
    }
}
