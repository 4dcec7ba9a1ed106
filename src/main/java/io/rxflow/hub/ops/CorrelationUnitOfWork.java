package io.rxflow.hub.ops;

import io.rxflow.hub.support.LogCorrelation;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.impl.engine.DefaultUnitOfWork;
import org.apache.camel.impl.engine.MDCUnitOfWork;
import org.apache.camel.spi.UnitOfWork;
import org.apache.camel.spi.UnitOfWorkFactory;
import org.slf4j.MDC;

/**
 * Camel's MDC unit of work ({@code camel.main.use-mdc-logging}) that also carries the one key of the
 * hub's own, {@value LogCorrelation#LOG_KEY}, across a hop to another thread and removes it when the
 * exchange is done.
 *
 * <p>Camel's {@code mdc-logging-keys-pattern} does the same for any pattern, but at a price paid before
 * every processor of every exchange: it copies the whole logging context into a new map and matches each
 * key against the pattern, compiling the pattern as a regular expression for every key that is not
 * equal to it (Camel's own {@code camel.*} keys). That was about 3 % of the hub's CPU under load
 * (docs/benchmarks.md, "Tenth look"); reading one key costs next to nothing.
 */
public class CorrelationUnitOfWork extends MDCUnitOfWork {
    private static final String KEY = LogCorrelation.LOG_KEY;

    public CorrelationUnitOfWork(Exchange exchange, CamelContext camel) {
        super(exchange, camel.getInflightRepository(), null, allowsOriginal(camel), breadcrumbs(camel));
    }

    @Override
    public UnitOfWork newInstance(Exchange exchange) {
        return new CorrelationUnitOfWork(exchange, exchange.getContext());
    }

    /**
     * The correlation id the thread has now goes with the callback: the route goes on where an asynchronous
     * processor finishes (camel-kafka's producer goes on in a worker thread of its own once the broker has
     * acknowledged, when a NewRx goes to a pharmacy's own topic) and finds it there, as Camel's keys are.
     */
    @Override
    public AsyncCallback beforeProcess(Processor processor, Exchange exchange, AsyncCallback callback) {
        AsyncCallback camelKeys = super.beforeProcess(processor, exchange, callback);
        String id = MDC.get(KEY);
        if (id == null) {
            return camelKeys;
        }
        return doneSync -> {
            if (!doneSync && MDC.get(KEY) == null) {
                MDC.put(KEY, id);
            }
            camelKeys.done(doneSync);
        };
    }

    /** As Camel's custom keys: removed when the exchange is done, unless it is a split's or a copy's part. */
    @Override
    protected void clearCustom(Exchange exchange) {
        if (exchange != null) {
            String parent = exchange.getProperty(ExchangePropertyKey.CORRELATION_ID, String.class);
            if (parent != null && !parent.equals(exchange.getExchangeId())) {
                return;
            }
        }
        MDC.remove(KEY);
    }

    /** Found by type in the registry by Camel; with MDC logging off, Camel's plain unit of work. */
    public static class Factory implements UnitOfWorkFactory {
        @Override
        public UnitOfWork createUnitOfWork(Exchange exchange) {
            CamelContext camel = exchange.getContext();
            if (Boolean.TRUE.equals(camel.isUseMDCLogging())) {
                return new CorrelationUnitOfWork(exchange, camel);
            }
            return new DefaultUnitOfWork(
                    exchange, camel.getInflightRepository(), allowsOriginal(camel), breadcrumbs(camel));
        }
    }

    // As Camel's own factory reads them: an option that is not set is off.
    private static boolean allowsOriginal(CamelContext camel) {
        return Boolean.TRUE.equals(camel.isAllowUseOriginalMessage());
    }

    private static boolean breadcrumbs(CamelContext camel) {
        return Boolean.TRUE.equals(camel.isUseBreadcrumb());
    }
}
