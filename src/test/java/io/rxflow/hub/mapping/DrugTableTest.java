package io.rxflow.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DrugTableTest {
    private static final String HEADER =
            "rxcui,rxnorm_tty,ndc11,description,strength_value,strength_unit,strength_form,dea_schedule\n";

    private static DrugTable load(String rows) throws Exception {
        return DrugTable.load(new ByteArrayInputStream((HEADER + rows).getBytes(StandardCharsets.UTF_8)), "test.csv");
    }

    @Test
    void shippedTableCoversEveryControlledSchedule() {
        DrugTable t = MappingFixtures.DRUGS;

        assertThat(t.find("00406052301", null).orElseThrow().deaSchedule()).isEqualTo("CII");
        assertThat(t.find(null, "1010604").orElseThrow().deaSchedule()).isEqualTo("CIII");
        assertThat(t.find("00591562201", null).orElseThrow().deaSchedule()).isEqualTo("CIV");
        assertThat(t.find(null, "483450").orElseThrow().deaSchedule()).isEqualTo("CV");
        assertThat(t.find(null, "314076").orElseThrow().controlled()).isFalse();
        assertThat(t.size()).isGreaterThan(50);
    }

    @Test
    void rejectsAnUnknownScheduleNamingTheLine() {
        assertThatThrownBy(() -> load("1,SCD,,X,,,,C2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("test.csv:2:");
    }

    @Test
    void rejectsAHyphenatedNdc() {
        assertThatThrownBy(() -> load("1,SCD,0093-7356-01,X,,,,\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11 digits");
    }

    @Test
    void skipsCommentLines() throws Exception {
        assertThat(load("# a comment\n1,SCD,00000000001,X,,,,CV\n").find("00000000001", null))
                .isPresent();
    }
}
