package io.rxflow.hub.drugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RxNormProductsTest {
    static Path sampleDir() throws Exception {
        return Path.of(RxNormProductsTest.class
                        .getResource("/drugs/rxnorm/RXNCONSO.RRF")
                        .toURI())
                .getParent();
    }

    @Test
    void readsProductConceptsWithTheirTermTypeAndName() throws Exception {
        var rx = RxNormProducts.load(sampleDir());

        assertThat(rx.concept("9900001")).hasValueSatisfying(c -> {
            assertThat(c.termType()).isEqualTo("SCD");
            assertThat(c.name()).isEqualTo("Acetaminophen 325 MG / Hydrocodone Bitartrate 5 MG Oral Tablet");
        });
        assertThat(rx.concept("9900002").orElseThrow().termType()).isEqualTo("SBD");
    }

    @Test
    void leavesOutSuppressedRowsIngredientsAndOtherSources() throws Exception {
        var rx = RxNormProducts.load(sampleDir());

        assertThat(rx.concept("9900004")).isEmpty();
        assertThat(rx.ndcs("9900004")).isEmpty();
        assertThat(rx.concept("9900008")).isEmpty();
        assertThat(rx.ndcs("9900006")).containsExactly("99997000301");
        assertThat(rx.concepts()).isEqualTo(5);
    }

    @Test
    void linksNdcsAndConceptsBothWays() throws Exception {
        var rx = RxNormProducts.load(sampleDir());

        assertThat(rx.ndcs("9900001")).containsExactly("00999100101", "00999100105");
        assertThat(rx.rxcuiOfNdc("99903004401")).contains("9900002");
        assertThat(rx.rxcuiOfNdc("0999-3003-01")).isEmpty();
    }

    @Test
    void readsAnSplDeaScheduleWhereTheFilesCarryOne() throws Exception {
        var rx = RxNormProducts.load(sampleDir());

        assertThat(rx.dcsa("9900006")).contains(DeaSchedule.CIV);
        assertThat(rx.dcsa("9900001")).isEmpty();
    }

    @Test
    void findsTheFilesInTheRrfFolderOfNlmsZip(@TempDir Path dir) throws Exception {
        Path rrf = Files.createDirectories(dir.resolve("rrf"));
        Files.copy(sampleDir().resolve("RXNCONSO.RRF"), rrf.resolve("RXNCONSO.RRF"));
        Files.copy(sampleDir().resolve("RXNSAT.RRF"), rrf.resolve("RXNSAT.RRF"));

        assertThat(RxNormProducts.load(dir).concepts()).isEqualTo(5);
    }

    @Test
    void refusesAFileThatIsNotRrf(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("RXNCONSO.RRF"), "rxcui,str\n1,x\n");
        Files.writeString(dir.resolve("RXNSAT.RRF"), "");

        assertThatThrownBy(() -> RxNormProducts.load(dir)).hasMessageContaining("RXNCONSO.RRF");
    }
}
