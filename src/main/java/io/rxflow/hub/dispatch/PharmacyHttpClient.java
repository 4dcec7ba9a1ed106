package io.rxflow.hub.dispatch;

import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * POSTs a SCRIPT message to a pharmacy's HTTP endpoint and returns its SCRIPT answer. Anything that
 * may succeed when tried again (no connection, timeout, 408, 429, 5xx) is a
 * {@link PharmacyUnavailableException}; a 4xx with a body is the pharmacy's answer, for the caller
 * to read.
 */
public class PharmacyHttpClient {
    private final PharmacyDirectory directory;
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    public PharmacyHttpClient(PharmacyDirectory directory) {
        this.directory = directory;
    }

    /** The pharmacy's answer body. */
    public String send(@Body String xml, @ExchangeProperty(DispatchOutcomes.PHARMACY) String ncpdpId) {
        Pharmacy pharmacy = directory
                .find(ncpdpId)
                .orElseThrow(() -> new PharmacyUnavailableException("pharmacy " + ncpdpId + " left the directory"));
        Pharmacy.Delivery d = pharmacy.delivery();
        var request = HttpRequest.newBuilder(URI.create(d.url()))
                .timeout(d.readTimeout())
                .header("Content-Type", "application/xml")
                .header("Accept", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8));
        if (d.username() != null && !d.username().isBlank()) {
            String credentials = d.username() + ":" + (d.password() == null ? "" : d.password());
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = exchange(client(d.connectTimeout()), request.build(), ncpdpId);
        int status = response.statusCode();
        if (status == 408 || status == 429 || status >= 500 || response.body().isBlank()) {
            throw new PharmacyUnavailableException("pharmacy " + ncpdpId + " answered HTTP " + status);
        }
        return response.body();
    }

    private HttpResponse<String> exchange(HttpClient client, HttpRequest request, String ncpdpId) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PharmacyUnavailableException(
                    "pharmacy " + ncpdpId + " unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PharmacyUnavailableException("interrupted while calling pharmacy " + ncpdpId, e);
        }
    }

    private HttpClient client(Duration connectTimeout) {
        return clients.computeIfAbsent(connectTimeout, t -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(t)
                .build());
    }
}
