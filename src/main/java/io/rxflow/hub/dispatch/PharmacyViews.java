package io.rxflow.hub.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.pharmacies.Pharmacy;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.support.HttpReplies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/** The directory as the API shows it (never the credentials), and its reload. */
public class PharmacyViews {
    private final PharmacyDirectory directory;
    private final DispatchRoutes routes;
    private final ObjectMapper json;

    public PharmacyViews(PharmacyDirectory directory, DispatchRoutes routes, ObjectMapper json) {
        this.directory = directory;
        this.routes = routes;
        this.json = json;
    }

    public void list(Exchange exchange) throws JsonProcessingException {
        List<Map<String, Object>> body =
                directory.all().stream().map(PharmacyViews::view).toList();
        HttpReplies.reply(
                exchange.getMessage(),
                200,
                "application/json",
                json.writeValueAsString(Map.of("pharmacies", body)),
                null);
    }

    /** Re-reads the directory file and brings the dispatch routes in line; a bad file changes nothing. */
    public void reload(Exchange exchange) throws Exception {
        CamelContext camel = exchange.getContext();
        List<String> running = routes.sync(camel);
        HttpReplies.reply(
                exchange.getMessage(),
                200,
                "application/json",
                json.writeValueAsString(Map.of("dispatch_routes", running)),
                null);
    }

    private static Map<String, Object> view(Pharmacy p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ncpdp_id", p.ncpdpId());
        v.put("npi", p.npi());
        v.put("name", p.name());
        v.put("script_version", p.scriptVersion());
        v.put("delivery", p.http() ? "http" : "kafka");
        v.put("endpoint", p.http() ? p.delivery().url() : p.delivery().topic());
        v.put("dispatch_route", DispatchRoutes.routeId(p.ncpdpId()));
        return v;
    }
}
