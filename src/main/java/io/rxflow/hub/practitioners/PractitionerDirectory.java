package io.rxflow.hub.practitioners;

import ca.uhn.fhir.context.FhirContext;
import io.rxflow.hub.support.SqlFiles;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Identifier;
import org.hl7.fhir.r5.model.Organization;
import org.hl7.fhir.r5.model.Practitioner;
import org.hl7.fhir.r5.model.Resource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The practitioner directory in PostgreSQL ({@code practitioner_directory}): a load stores each
 * Practitioner and Organization of a Bundle under each of its identifiers, in one transaction; a
 * lookup finds them by identifier, as FHIR's conditional references ({@code Type?identifier=system|value})
 * name them.
 */
public class PractitionerDirectory {
    /** The resource types the directory holds. */
    public static final Set<String> TYPES = Set.of("Practitioner", "Organization");

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FhirContext fhir;
    private final Clock clock;
    private final String upsert = SqlFiles.loadNamed("practitioners-upsert.sql");
    private final String find = SqlFiles.loadNamed("practitioners-find.sql");

    public PractitionerDirectory(
            DataSource dataSource, PlatformTransactionManager transactions, FhirContext fhir, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.fhir = fhir;
        this.clock = clock;
    }

    /**
     * The directory resources of {@code type} with the identifier {@code value}, under {@code system}
     * (any system when null; an empty system matches nothing: the directory keeps identifiers with one).
     */
    public List<Resource> find(String type, String system, String value) {
        if (!TYPES.contains(type) || "".equals(system)) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        jdbc.query(
                find, new MapSqlParameterSource().addValue("resourceType", type).addValue("value", value), row -> {
                    if (system == null || system.equals(row.getString("identifier_system"))) {
                        found.add(row.getString("resource"));
                    }
                });
        var parser = fhir.newJsonParser();
        return found.stream().map(json -> (Resource) parser.parseResource(json)).toList();
    }

    /** Stores every Practitioner and Organization of the Bundle that has an identifier, or nothing. */
    public DirectoryLoad load(Bundle bundle) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        var writer = fhir.newJsonParser();
        return tx.execute(status -> {
            List<DirectoryLoad.Entry> entries = new ArrayList<>();
            for (var entry : bundle.getEntry()) {
                entries.add(store(entry.getResource(), now, writer));
            }
            return new DirectoryLoad(entries);
        });
    }

    private DirectoryLoad.Entry store(Resource r, OffsetDateTime now, ca.uhn.fhir.parser.IParser writer) {
        String type = r == null ? "" : r.fhirType();
        if (!TYPES.contains(type)) {
            return new DirectoryLoad.Entry(
                    type,
                    DirectoryLoad.Fate.NOT_KEPT,
                    "not kept: the practitioner directory holds Practitioners and Organizations");
        }
        List<Identifier> ids = identifiers(r).stream()
                .filter(id -> id.hasSystem() && id.hasValue())
                .toList();
        if (ids.isEmpty()) {
            return new DirectoryLoad.Entry(
                    type,
                    DirectoryLoad.Fate.NOT_KEPT,
                    "not kept: it has no identifier with a system and a value for a conditional reference to name");
        }
        String json = writer.encodeResourceToString(r);
        boolean inserted = false;
        for (Identifier id : ids) {
            Boolean row = jdbc.queryForObject(
                    upsert,
                    new MapSqlParameterSource()
                            .addValue("resourceType", type)
                            .addValue("system", id.getSystem())
                            .addValue("value", id.getValue())
                            .addValue("resource", json)
                            .addValue("loadedAt", now),
                    Boolean.class);
            inserted |= Boolean.TRUE.equals(row);
        }
        String names = String.join(
                ", ",
                ids.stream().map(id -> id.getSystem() + "|" + id.getValue()).toList());
        return new DirectoryLoad.Entry(
                type,
                inserted ? DirectoryLoad.Fate.CREATED : DirectoryLoad.Fate.UPDATED,
                "stored in the practitioner directory under " + names);
    }

    private static List<Identifier> identifiers(Resource r) {
        if (r instanceof Practitioner p) {
            return p.getIdentifier();
        }
        return r instanceof Organization o ? o.getIdentifier() : List.of();
    }
}
