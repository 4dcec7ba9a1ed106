package io.rxflow.hub.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rxflow.hub.dispatch.DispatchPauses;
import io.rxflow.hub.dispatch.DispatchRoutes;
import io.rxflow.hub.eventstore.PrescriptionIds;
import io.rxflow.hub.ops.BreakerStates;
import io.rxflow.hub.ops.CorrelationUnitOfWork;
import io.rxflow.hub.ops.DatabaseProbe;
import io.rxflow.hub.ops.FlowMetrics;
import io.rxflow.hub.ops.HubMetrics;
import io.rxflow.hub.ops.OutboxLag;
import io.rxflow.hub.ops.RoutesHealth;
import io.rxflow.hub.ops.ServiceGate;
import io.rxflow.hub.pharmacies.PharmacyDirectory;
import io.rxflow.hub.support.SqlFiles;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Channel;
import org.apache.camel.NamedNode;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Operations: business metrics, outbox lag and breaker gauges, readiness and the service gate. */
@Configuration(proxyBeanMethods = false)
class OpsConfig {

    /** The correlation id on every log line of an exchange, across threads (camel.main.use-mdc-logging). */
    @Bean
    CorrelationUnitOfWork.Factory correlationUnitOfWorkFactory() {
        return new CorrelationUnitOfWork.Factory();
    }

    @Bean
    HubMetrics hubMetrics(MeterRegistry meters) {
        return new HubMetrics(meters);
    }

    @Bean
    FlowMetrics flowMetrics(HubMetrics metrics, ObjectMapper json, JdbcTemplate jdbc) {
        String sql = SqlFiles.load("prescription-accepted-at.sql");
        var named = new NamedParameterJdbcTemplate(jdbc);
        // A UUIDv7 id carries its receipt time: no query per answer. Ids from before V62 (UUIDv4) ask.
        return new FlowMetrics(
                metrics, json, id -> PrescriptionIds.receivedAt(id).orElseGet(() -> {
                    Timestamp at = named.query(sql, Map.of("id", id), rs -> rs.next() ? rs.getTimestamp(1) : null);
                    return at == null ? null : at.toInstant();
                }));
    }

    @Bean
    OutboxLag outboxLag(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        OutboxLag lag = new OutboxLag(jdbc, SqlFiles.load("outbox-lag.sql"), clock);
        lag.register(meters);
        return lag;
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    DatabaseProbe databaseProbe(JdbcTemplate jdbc, OpsProperties ops, Clock clock) {
        var probeJdbc = new JdbcTemplate(jdbc.getDataSource());
        probeJdbc.setQueryTimeout((int) Math.max(1, ops.dbProbeTimeout().toSeconds()));
        return new DatabaseProbe(probeJdbc, ops.dbProbeInterval(), ops.dbProbeTimeout(), clock);
    }

    @Bean
    RoutesHealth routesHealthIndicator(CamelContext camel) {
        return new RoutesHealth(routesStarted(camel));
    }

    @Bean
    FilterRegistrationBean<ServiceGate> serviceGate(CamelContext camel, DatabaseProbe database) {
        var bean = new FilterRegistrationBean<>(new ServiceGate(routesStarted(camel), database::up));
        bean.addUrlPatterns("/api/*", "/fhir/*");
        // Before the API-key filter (HIGHEST_PRECEDENCE + 10) and the body limit (+ 20).
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return bean;
    }

    /**
     * Counts through route policies, and registers the per-pharmacy series once the dispatch routes
     * exist (and so every series is there, at zero, from the start).
     */
    @Bean
    CamelContextConfiguration opsAtStart(
            FlowMetrics flow,
            HubMetrics metrics,
            PharmacyDirectory directory,
            MeterRegistry meters,
            DispatchPauses pauses) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.addRoutePolicyFactory(new RoutePolicyFactory() {
                    @Override
                    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
                        return flow.policyFor(routeId);
                    }
                });
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                var breakers = new BreakerStates(ncpdpId -> breakerState(camel, ncpdpId));
                directory.all().forEach(p -> {
                    metrics.pharmacy(p.ncpdpId());
                    breakers.register(meters, p.ncpdpId());
                    Gauge.builder("rxflow.pharmacy.dispatch.paused", () -> pauses.isPaused(p.ncpdpId()) ? 1 : 0)
                            .description("1 while an operator has paused dispatch to the pharmacy")
                            .tag("pharmacy", p.ncpdpId())
                            .register(meters);
                });
            }
        };
    }

    /** The state of the breaker in {@code rx-dispatch-<ncpdp-id>-deliver}, or null (no such route, or no breaker). */
    private static String breakerState(CamelContext camel, String ncpdpId) {
        Route route = camel.getRoute(DispatchRoutes.deliveryRouteId(ncpdpId));
        ResilienceProcessor breaker = route == null ? null : find(route.navigate());
        return breaker == null ? null : breaker.getCircuitBreakerState();
    }

    private static ResilienceProcessor find(Navigate<Processor> node) {
        if (node == null || !node.hasNext()) {
            return null;
        }
        for (Processor p : node.next()) {
            Processor inner = p instanceof Channel channel ? channel.getNextProcessor() : p;
            if (inner instanceof ResilienceProcessor breaker) {
                return breaker;
            }
            if (inner instanceof Navigate<?> child) {
                @SuppressWarnings("unchecked")
                ResilienceProcessor found = find((Navigate<Processor>) child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static BooleanSupplier routesStarted(CamelContext camel) {
        return () -> camel.getStatus().isStarted();
    }
}
