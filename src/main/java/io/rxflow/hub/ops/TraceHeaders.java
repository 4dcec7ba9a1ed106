package io.rxflow.hub.ops;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The W3C {@code traceparent} of the span current on this thread, for the outbox row's headers: the
 * relay copies them onto the Kafka record, and the pharmacy's dispatch route continues the trace the
 * REST call began. Empty when no span is current (tracing off).
 */
public class TraceHeaders implements Supplier<Map<String, String>> {
    @Override
    public Map<String, String> get() {
        Map<String, String> headers = new LinkedHashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, (map, key, value) -> {
            if (map != null && "traceparent".equals(key)) {
                map.put(key, value);
            }
        });
        return headers;
    }
}
