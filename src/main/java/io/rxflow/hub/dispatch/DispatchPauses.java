package io.rxflow.hub.dispatch;

import io.rxflow.hub.support.HttpReplies;
import io.rxflow.hub.support.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pausing one pharmacy's dispatch: the pause is kept in {@code pharmacy_dispatch_pause} and every hub
 * instance stops its route for that pharmacy (its Kafka consumer leaves; the messages wait on the
 * pharmacy's topic, nothing is lost); resuming starts the routes again where they stopped. Each
 * instance brings its routes in line with the table at once when the call reaches it, after start
 * and reload, and every few seconds ({@code rx-dispatch-pauses-sync}), so a pause made on one instance
 * holds on all of them, and across restarts. (A suspended route kept its Kafka consumer polling in
 * this Camel version: the NewRx still went out, so the route is stopped, not suspended.)
 */
public class DispatchPauses {
    private static final Logger log = LoggerFactory.getLogger(DispatchPauses.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Set<String> paused = ConcurrentHashMap.newKeySet();

    public DispatchPauses(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether the pharmacy's dispatch is paused (the {@code rxflow_pharmacy_dispatch_paused} gauge). */
    public boolean isPaused(String ncpdpId) {
        return paused.contains(ncpdpId);
    }

    /**
     * Whether the pharmacy's dispatch is paused, read from the table (for a route about to be made);
     * the in-memory answer when the database is away.
     */
    public boolean pausedNow(String ncpdpId) {
        try {
            boolean now = !jdbc.queryForList(
                            "SELECT 1 FROM pharmacy_dispatch_pause WHERE pharmacy_ncpdp_id = ?", Integer.class, ncpdpId)
                    .isEmpty();
            if (now) {
                paused.add(ncpdpId);
            }
            return now;
        } catch (DataAccessException e) {
            return paused.contains(ncpdpId);
        }
    }

    /** {@code POST /api/v1/ops/pharmacies/{id}/pause}: recorded, then the route stopped. */
    public void pause(Exchange exchange) throws Exception {
        String id = pharmacy(exchange);
        String actor = exchange.getMessage().getHeader("X-RxFlow-Actor", "unknown", String.class);
        jdbc.update(
                "INSERT INTO pharmacy_dispatch_pause (pharmacy_ncpdp_id, paused_at, paused_by, reason)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (pharmacy_ncpdp_id) DO NOTHING",
                id,
                OffsetDateTime.now(clock),
                actor,
                exchange.getMessage().getHeader("reason", String.class));
        apply(exchange.getContext());
        answer(exchange, id, true);
    }

    /** {@code POST /api/v1/ops/pharmacies/{id}/resume}: the record removed, then the route resumed. */
    public void resume(Exchange exchange) throws Exception {
        String id = pharmacy(exchange);
        jdbc.update("DELETE FROM pharmacy_dispatch_pause WHERE pharmacy_ncpdp_id = ?", id);
        apply(exchange.getContext());
        answer(exchange, id, false);
    }

    /** The periodic {@link #apply}: while the database is away the routes stay as they are. */
    public void sync(CamelContext camel) throws Exception {
        try {
            apply(camel);
        } catch (DataAccessException e) {
            log.debug(
                    "Pause table not readable ({}); dispatch routes left as they are",
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Brings this instance's dispatch routes in line with the table: a paused pharmacy's route stopped,
     * a route this instance stopped for a pause that is gone started again.
     */
    public synchronized void apply(CamelContext camel) throws Exception {
        Set<String> wanted =
                Set.copyOf(jdbc.queryForList("SELECT pharmacy_ncpdp_id FROM pharmacy_dispatch_pause", String.class));
        for (String id : wanted) {
            String route = DispatchRoutes.routeId(id);
            if (camel.getRoute(route) != null
                    && camel.getRouteController().getRouteStatus(route) == ServiceStatus.Started) {
                camel.getRouteController().stopRoute(route);
                log.info("Dispatch to pharmacy {} paused", id);
            }
            paused.add(id);
        }
        for (String id : Set.copyOf(paused)) {
            if (wanted.contains(id)) {
                continue;
            }
            String route = DispatchRoutes.routeId(id);
            if (camel.getRoute(route) != null
                    && camel.getRouteController().getRouteStatus(route) == ServiceStatus.Stopped) {
                camel.getRouteController().startRoute(route);
                log.info("Dispatch to pharmacy {} resumed", id);
            }
            paused.remove(id);
        }
    }

    private static String pharmacy(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || exchange.getContext().getRoute(DispatchRoutes.routeId(id)) == null) {
            throw new NotFoundException("No pharmacy " + id + " in the directory");
        }
        return id;
    }

    private static void answer(Exchange exchange, String id, boolean paused) {
        HttpReplies.reply(
                exchange.getMessage(),
                200,
                "application/json",
                "{\"pharmacy_ncpdp_id\":\"" + id + "\",\"dispatch\":\"" + (paused ? "paused" : "running") + "\"}",
                null);
    }
}
