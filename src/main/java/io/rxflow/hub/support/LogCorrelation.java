package io.rxflow.hub.support;

import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The correlation id of the work a thread is doing, in the logging context as {@value #LOG_KEY}:
 * plain log lines print it in brackets, JSON lines carry it as a field of its own. Camel carries it
 * across threads and removes it when the exchange is done ({@code camel.main.use-mdc-logging}).
 */
public final class LogCorrelation {
    /** The key in the logging context (and the JSON field). */
    public static final String LOG_KEY = "correlation_id";

    /** What a correlation id taken from outside may look like: no spaces, quotes or markup. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private LogCorrelation() {}

    /** True when {@code id} may be used as a correlation id as it is. */
    public static boolean safe(String id) {
        return id != null && SAFE.matcher(id).matches();
    }

    /** {@code sent} when it is safe, else {@code fallback}; put in the logging context and returned. */
    public static String assign(String sent, String fallback) {
        String id = safe(sent) ? sent : fallback;
        MDC.put(LOG_KEY, id);
        return id;
    }
}
