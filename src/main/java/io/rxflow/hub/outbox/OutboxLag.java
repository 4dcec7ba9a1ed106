package io.rxflow.hub.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox's lag as gauges, read at each scrape: {@code rxflow_outbox_unpublished} (rows written by
 * intake, not yet acknowledged by Kafka) and {@code rxflow_outbox_oldest_unpublished_seconds}. While
 * the brokers are away intake keeps accepting and both grow; an operator alerts on the age.
 */
public class OutboxLag implements MeterBinder {
    private final JdbcTemplate jdbc;
    private final String sql;

    public OutboxLag(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        try {
            this.sql = new ClassPathResource("sql/outbox-lag.sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sql/outbox-lag.sql", e);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("rxflow.outbox.unpublished", this, lag -> lag.read("unpublished"))
                .description("Outbox rows not yet published to Kafka")
                .register(registry);
        Gauge.builder("rxflow.outbox.oldest.unpublished", this, lag -> lag.read("oldest_age_seconds"))
                .description("Age of the oldest unpublished outbox row")
                .baseUnit("seconds")
                .register(registry);
    }

    private double read(String column) {
        Map<String, Object> row = jdbc.queryForMap(sql);
        return ((Number) row.get(column)).doubleValue();
    }
}
