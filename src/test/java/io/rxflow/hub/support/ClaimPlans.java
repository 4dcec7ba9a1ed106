package io.rxflow.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a claim statement as the hub runs it (after its plan setting, when
 * given, in the same transaction), rolled back: nothing is claimed. For the tests of the claims that
 * walk a partial "pending" index full of dead entries (the outbox relay's, the EHR push sender's).
 */
public final class ClaimPlans {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimPlans() {}

    /** The claim's top plan node; {@code planSetting} (a file under sql/) runs first when not null. */
    public static JsonNode explain(JdbcTemplate jdbc, String planSetting, String claim) {
        return jdbc.execute((ConnectionCallback<JsonNode>) con -> {
            con.setAutoCommit(false);
            try {
                if (planSetting != null) {
                    try (var st = con.createStatement()) {
                        st.executeQuery(SqlFiles.load(planSetting)).close();
                    }
                }
                try (var st = con.createStatement();
                        var rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + claim)) {
                    rs.next();
                    return JSON.readTree(rs.getString(1)).get(0).get("Plan");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            } finally {
                con.rollback();
            }
        });
    }

    /** Shared buffers the whole statement touched (its top node counts its children's). */
    public static int buffers(JsonNode plan) {
        return plan.path("Shared Hit Blocks").asInt()
                + plan.path("Shared Read Blocks").asInt();
    }

    /** The plan's scan nodes, as "Node Type on index-or-relation". */
    public static List<String> scans(JsonNode plan) {
        List<String> out = new ArrayList<>();
        collect(plan, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        String type = node.path("Node Type").asText();
        if (type.endsWith("Scan")) {
            String on = node.has("Index Name")
                    ? node.path("Index Name").asText()
                    : node.path("Relation Name").asText();
            out.add(type + " on " + on);
        }
        node.path("Plans").forEach(child -> collect(child, out));
    }
}
