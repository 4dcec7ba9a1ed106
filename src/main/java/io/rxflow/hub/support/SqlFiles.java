package io.rxflow.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;

/** The SQL statements under {@code classpath:sql/}, read by code that runs them without camel-sql. */
public final class SqlFiles {
    private SqlFiles() {}

    /** The text of {@code sql/<name>}; a missing file is a broken jar. */
    public static String load(String name) {
        try {
            return new ClassPathResource("sql/" + name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("sql/" + name + " is missing from the jar", e);
        }
    }

    /**
     * The statement with camel-sql's named parameters ({@code :#name}) written the way Spring's
     * {@code NamedParameterJdbcTemplate} reads them ({@code :name}), so one file serves both.
     */
    public static String loadNamed(String name) {
        return load(name).replace(":#", ":");
    }
}
