package io.rxflow.hub.config;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.rxflow.hub.ops.TraceHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenTelemetry traces, on when {@code rxflow.ops.tracing.otlp-endpoint} is set: Camel's tracer
 * (camel-opentelemetry2) spans every route and endpoint, the outbox row carries the W3C trace context,
 * and the pharmacy's dispatch route continues the trace from the Kafka record's headers. Spans go to the
 * OTLP/HTTP endpoint in batches. The SDK is this context's own, not the JVM-global one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${rxflow.ops.tracing.otlp-endpoint:}'.isBlank()")
class TracingConfig {
    /** The outbox relay polls every few milliseconds: tracing its empty polls would drown the traces. */
    static final String EXCLUDED = "timer*,rx-outbox-relay*,direct*rx-outbox-relay-batch*,sql*outbox-*";

    @Bean(destroyMethod = "close")
    SdkTracerProvider otelTracerProvider(OpsProperties ops) {
        String endpoint = ops.tracing().otlpEndpoint().replaceAll("/+$", "");
        var exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint.endsWith("/v1/traces") ? endpoint : endpoint + "/v1/traces")
                .build();
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(
                                AttributeKey.stringKey("service.name"),
                                ops.tracing().serviceName()))))
                .setSampler(Sampler.parentBased(
                        Sampler.traceIdRatioBased(ops.tracing().sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
    }

    /** Found by type in the registry by camel-opentelemetry2's tracer. */
    @Bean
    Tracer otelTracer(SdkTracerProvider provider) {
        return provider.get("rxflow-hub");
    }

    @Bean
    ContextPropagators otelPropagators() {
        return ContextPropagators.create(W3CTraceContextPropagator.getInstance());
    }

    @Bean
    TraceHeaders traceHeaders() {
        return new TraceHeaders();
    }

    @Bean
    CamelContextConfiguration camelTracing() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                var tracer = new OpenTelemetryTracer();
                tracer.setExcludePatterns(EXCLUDED);
                tracer.init(camel);
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // Nothing after start.
            }
        };
    }
}
