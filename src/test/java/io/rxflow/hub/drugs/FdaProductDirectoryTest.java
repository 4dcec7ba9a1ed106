package io.rxflow.hub.drugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FdaProductDirectoryTest {
    static final String PRODUCT_TXT = "/drugs/fda/product.txt";

    static FdaProductDirectory shippedSample() throws Exception {
        try (InputStream in = FdaProductDirectoryTest.class.getResourceAsStream(PRODUCT_TXT)) {
            return FdaProductDirectory.load(in, "product.txt");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "00999100101, 0999-1001, CII", // 4-4 product, 4-4-2 package normalised to 5-4-2
        "99901010101, 99901-0101, CIII", // 5-3 product
        "99902123401, 99902-1234, CV", // 5-4 product
        "99904021030, 99904-0210, CV",
        "00999200205, 0999-2002, CIV"
    })
    void findsTheProductOfAnElevenDigitPackageNdc(String ndc11, String product, DeaSchedule schedule) throws Exception {
        var listing = shippedSample().find(ndc11).orElseThrow();

        assertThat(listing.productNdc()).isEqualTo(product.length() == 9 ? "0" + product : product);
        assertThat(listing.schedule()).contains(schedule);
    }

    @Test
    void knowsAProductThatIsNotControlled() throws Exception {
        assertThat(shippedSample().find("99903004430"))
                .hasValueSatisfying(l -> assertThat(l.schedule()).isEmpty());
    }

    @Test
    void findsNothingForAnUnlistedProduct() throws Exception {
        var fda = shippedSample();

        assertThat(fda.find("99903004530")).isEmpty();
        assertThat(fda.find("0999-1001-01")).isEmpty();
        assertThat(fda.size()).isEqualTo(6);
        assertThat(fda.controlled()).isEqualTo(5);
    }

    @Test
    void readsWindows1252AndAUtf8ByteOrderMark() throws Exception {
        byte[] cp1252 =
                FdaProductDirectoryTest.class.getResourceAsStream(PRODUCT_TXT).readAllBytes();
        // The sample's labeler names carry windows-1252 bytes (í, é, ™): proof the fixture is in FDA's encoding.
        assertThat(cp1252).contains((byte) 0xED, (byte) 0x99);

        String text = new String(cp1252, FdaProductDirectory.FDA_CHARSET);
        byte[] utf8 = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        var fromUtf8 = FdaProductDirectory.load(new ByteArrayInputStream(utf8), "utf8.txt");

        assertThat(fromUtf8.find("00999100101").orElseThrow().schedule()).contains(DeaSchedule.CII);
    }

    @Test
    void findsColumnsByNameInAnyOrder() throws Exception {
        String file = "DEASCHEDULE\tPRODUCTID\tPRODUCTNDC\n\tx\t12345-678\nCIV\ty\t1234-5678\n";
        var fda = FdaProductDirectory.load(new ByteArrayInputStream(file.getBytes(StandardCharsets.US_ASCII)), "t");

        assertThat(fda.find("12345067801").orElseThrow().schedule()).isEqualTo(Optional.empty());
        assertThat(fda.find("01234567801").orElseThrow().schedule()).contains(DeaSchedule.CIV);
    }

    @Test
    void refusesAnUnreadableScheduleWithItsLine() {
        String file = "PRODUCTNDC\tDEASCHEDULE\n12345-678\tCII\n12345-679\tC6\n";

        assertThatThrownBy(() -> FdaProductDirectory.load(
                        new ByteArrayInputStream(file.getBytes(StandardCharsets.US_ASCII)), "p.txt"))
                .hasMessageContaining("p.txt:3")
                .hasMessageContaining("DEASCHEDULE");
    }

    @Test
    void refusesAFileWithoutTheProductColumns() {
        assertThatThrownBy(() -> FdaProductDirectory.load(
                        new ByteArrayInputStream("NDCPACKAGECODE\tPACKAGEDESCRIPTION\n".getBytes()), "package.txt"))
                .hasMessageContaining("PRODUCTNDC");
    }

    @Test
    void keepsTheStrictestScheduleOfAProductListedTwice() throws Exception {
        String file = "PRODUCTNDC\tDEASCHEDULE\n12345-678\t\n12345-678\tCIV\n12345-678\tCII\n";
        var fda = FdaProductDirectory.load(new ByteArrayInputStream(file.getBytes()), "t");

        assertThat(fda.find("12345067801").orElseThrow().schedule()).contains(DeaSchedule.CII);
        assertThat(fda.size()).isEqualTo(1);
    }

    @Test
    void skipsAProductNdcInAnotherLayout() throws Exception {
        String file = "PRODUCTNDC\tDEASCHEDULE\n123456-7890\tCII\n12345-678\t\n";
        var fda = FdaProductDirectory.load(new ByteArrayInputStream(file.getBytes()), "t");

        assertThat(fda.size()).isEqualTo(1);
        assertThat(fda.skipped()).isEqualTo(1);
    }
}
