package io.rxflow.hub.config;

import ca.uhn.fhir.context.FhirContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.rxflow.hub.api.ApiKeyFilter;
import io.rxflow.hub.api.ApiKeys;
import io.rxflow.hub.api.BodyLimitFilter;
import io.rxflow.hub.api.BusyRefusal;
import io.rxflow.hub.api.RateLimitFilter;
import io.rxflow.hub.api.ReadAudit;
import io.rxflow.hub.api.RouteWorkers;
import io.rxflow.hub.browser.OpsAudit;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/** API keys and the servlet filters that guard {@code /api} and {@code /fhir}. */
@Configuration(proxyBeanMethods = false)
class ApiConfig {
    private static final Logger log = LoggerFactory.getLogger(ApiConfig.class);
    private static final String GENERATED_KEY_FILE = "api-key";

    @Bean
    ApiKeys apiKeys(HubProperties props, DataFolder dataFolder, Environment env) {
        if (!props.api().keys().isEmpty()) {
            return new ApiKeys(props.api().keys());
        }
        if (Arrays.asList(env.getActiveProfiles()).contains("production")) {
            throw new IllegalStateException(
                    "The production profile needs API keys: set RXFLOW_API_KEYS (comma-separated)");
        }
        String key = dataFolder.readSecret(GENERATED_KEY_FILE).orElse(null);
        if (key == null) {
            key = dataFolder.createSecret(GENERATED_KEY_FILE);
            log.warn(
                    "No RXFLOW_API_KEYS set: generated an API key for this data folder (shown once, kept in {}): {}",
                    dataFolder.resolve(GENERATED_KEY_FILE),
                    key);
        } else {
            log.info(
                    "No RXFLOW_API_KEYS set: using the generated key kept in {}",
                    dataFolder.resolve(GENERATED_KEY_FILE));
        }
        return new ApiKeys(List.of(key));
    }

    /** The threads that run each request's route, bounded by threads and queue (RouteWorkers). */
    @Bean(destroyMethod = "close")
    RouteWorkers routeWorkers(
            @Value("${rxflow.api.route-threads:32}") int threads,
            @Value("${rxflow.api.route-queue:32}") int queue,
            MeterRegistry meters) {
        var workers = new RouteWorkers(threads, queue);
        // executor.active, executor.queued, executor.queue.remaining, ... tagged name=rx-http-routes.
        new ExecutorServiceMetrics(workers.pool(), "rx-http-routes", Tags.empty()).bindTo(meters);
        log.info("HTTP routes: at most {} at once and {} waiting; more get 503", threads, queue);
        return workers;
    }

    /**
     * camel-platform-http on the hub's own route threads; in its place, the starter's engine would take
     * Spring Boot's application task executor (8 threads, unbounded queue).
     */
    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(RouteWorkers workers, @Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port, workers.executor());
    }

    /** 503 with Retry-After for a request the route threads had no room for. */
    @Bean
    BusyRefusal busyRefusal(FhirContext fhir, MeterRegistry meters) {
        return new BusyRefusal(
                fhir,
                Counter.builder("rxflow.http.refused")
                        .description("Requests refused with 503 because every route thread and queue slot was taken")
                        .register(meters));
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(
            HubProperties props,
            @Value("${rxflow.api.max-concurrent-uploads:64}") int maxConcurrentUploads,
            @Value("${rxflow.api.upload-deadline:30s}") Duration uploadDeadline,
            FhirContext fhir) {
        var bean = new FilterRegistrationBean<>(
                new BodyLimitFilter(props.api().maxBodySize().toBytes(), maxConcurrentUploads, uploadDeadline, fhir));
        bean.addUrlPatterns("/api/*", "/fhir/*", "/ncpdp/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return bean;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(HubProperties props, FhirContext fhir) {
        var limits = props.api().rateLimits();
        Map<String, RateLimitFilter.Limit> perKey = new HashMap<>();
        limits.keys().forEach((id, l) -> perKey.put(id, new RateLimitFilter.Limit(l.requestsPerSecond(), l.burst())));
        var bean = new FilterRegistrationBean<>(new RateLimitFilter(
                new RateLimitFilter.Limit(limits.requestsPerSecond(), limits.burst()), perKey, fhir));
        bean.addUrlPatterns("/api/*", "/fhir/*");
        // After the key is known, before any body is read.
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        return bean;
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, FhirContext fhir) {
        var bean = new FilterRegistrationBean<>(new ApiKeyFilter(keys, fhir));
        bean.addUrlPatterns("/api/*", "/fhir/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }

    /** Audits reads of prescription content through the EHR API and FHIR, inside the API-key filter. */
    @Bean
    FilterRegistrationBean<ReadAudit> readAudit(OpsAudit audit, FhirContext fhir) {
        var bean = new FilterRegistrationBean<>(
                new ReadAudit((actor, target, detail) -> audit.record(actor, "read", target, detail), fhir));
        bean.addUrlPatterns("/api/*", "/fhir/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
        return bean;
    }
}
