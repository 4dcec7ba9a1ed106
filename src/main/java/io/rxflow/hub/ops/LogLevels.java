package io.rxflow.hub.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.support.BadRequestException;
import io.rxflow.hub.support.HttpReplies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.stereotype.Component;

/**
 * The log levels of the hub's own loggers, read by every ops role and changed by admins through the
 * ops API ({@code /api/v1/ops/log-levels}), on this instance and until it restarts (the lasting
 * levels are {@code logging.level.*} in config). Only {@code io.rxflow.hub} loggers may be changed:
 * they log ids, codes and types, never content, whereas a library's DEBUG lines (an HTTP client's
 * wire log, a parser's) may quote a prescription and put PHI in the logs.
 */
@Component("logLevels")
public class LogLevels {
    /** The hub's logger and its children: {@code io.rxflow.hub} or {@code io.rxflow.hub.<name>...}. */
    private static final Pattern HUB_LOGGER = Pattern.compile("io\\.rxflow\\.hub(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    /** Set after a change, for the audit row. */
    public static final String AUDIT_DETAIL = "rxOpsDetail";

    private final LoggingSystem logging;
    private final ObjectMapper json;

    public LogLevels(LoggingSystem logging, ObjectMapper json) {
        this.logging = logging;
        this.json = json;
    }

    /** {@code GET /api/v1/ops/log-levels}: every hub logger with a level of its own or a child, sorted. */
    public void list(Exchange exchange) throws JsonProcessingException {
        List<Map<String, Object>> loggers = logging.getLoggerConfigurations().stream()
                .filter(c -> HUB_LOGGER.matcher(c.getName()).matches())
                .map(LogLevels::view)
                .toList();
        reply(exchange, Map.of("instance_only", true, "loggers", loggers));
    }

    /**
     * {@code PUT /api/v1/ops/log-levels/{logger}?level=}: TRACE, DEBUG, INFO, WARN, ERROR or OFF, or
     * {@code reset} to inherit the parent's level again. Answers the logger as it is now.
     */
    public void change(Exchange exchange) throws JsonProcessingException {
        String name = exchange.getMessage().getHeader("logger", String.class);
        if (name == null || !HUB_LOGGER.matcher(name).matches()) {
            throw new BadRequestException(
                    "Only the hub's own loggers (io.rxflow.hub and below) may be changed here: other libraries'"
                            + " DEBUG lines may quote message content; set logging.level.* in config instead",
                    "logger");
        }
        String asked = exchange.getMessage().getHeader("level", String.class);
        LogLevel level = level(asked);
        logging.setLogLevel(name, level);
        exchange.setProperty(AUDIT_DETAIL, Map.of("level", level == null ? "reset" : level.name()));
        LoggerConfiguration now = logging.getLoggerConfiguration(name);
        reply(exchange, now == null ? Map.of("name", name) : view(now));
    }

    private static LogLevel level(String asked) {
        if (asked == null || asked.isBlank()) {
            throw new BadRequestException("level is required: TRACE, DEBUG, INFO, WARN, ERROR, OFF or reset", "level");
        }
        String upper = asked.trim().toUpperCase(Locale.ROOT);
        if ("RESET".equals(upper)) {
            return null;
        }
        try {
            LogLevel level = LogLevel.valueOf(upper);
            if (level == LogLevel.FATAL) {
                throw new IllegalArgumentException();
            }
            return level;
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("level must be TRACE, DEBUG, INFO, WARN, ERROR, OFF or reset", "level");
        }
    }

    private static Map<String, Object> view(LoggerConfiguration c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", c.getName());
        v.put(
                "configured_level",
                c.getConfiguredLevel() == null ? null : c.getConfiguredLevel().name());
        v.put(
                "effective_level",
                c.getEffectiveLevel() == null ? null : c.getEffectiveLevel().name());
        return v;
    }

    private void reply(Exchange exchange, Object body) throws JsonProcessingException {
        HttpReplies.reply(exchange.getMessage(), 200, "application/json", json.writeValueAsString(body), null);
    }
}
