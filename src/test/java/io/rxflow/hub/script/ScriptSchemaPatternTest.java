package io.rxflow.hub.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The hub's schemas write SCRIPT's "an" pattern as a character class; NCPDP writes it as an
 * alternation. Both must accept exactly the same strings: every string of up to four characters
 * over an alphabet of the edge cases (space, the first and last printable characters, a letter,
 * tab, line feed, carriage return, DEL, a no-break space, an accented letter) is put through
 * Xerces with each pattern, as the validators in the hub do.
 */
class ScriptSchemaPatternTest {
    /** The "an" pattern as NCPDP's schema and ../shared/reference/ncpdp-script.md give it. */
    private static final String NCPDP_AN = "([!-~]|[ ])*[!-~]([!-~]|[ ])*";

    private static final String[] ALPHABET = {" ", "!", "~", "a", "&#9;", "&#10;", "&#13;", "&#127;", "&#160;", "é"};

    @ParameterizedTest
    @ValueSource(strings = {ScriptSchemas.HUB_2023011, ScriptSchemas.HUB_2017071})
    void theHubsAnPatternAcceptsExactlyWhatNcpdpsAccepts(String schema) throws Exception {
        String hubs = anPattern(schema);
        Validator official = validatorFor(NCPDP_AN);
        Validator ours = validatorFor(hubs);
        List<String> strings = stringsUpTo(4);
        int accepted = 0;

        for (String s : strings) {
            boolean byNcpdp = accepts(official, s);
            assertThat(accepts(ours, s)).as("%s on \"%s\"", hubs, s).isEqualTo(byNcpdp);
            accepted += byNcpdp ? 1 : 0;
        }
        // Not a vacuous match: exactly the strings of space, '!', '~' and 'a' that are not all spaces,
        // 3 + 15 + 63 + 255 of the 11,111.
        assertThat(accepted).isEqualTo(336);
    }

    private static String anPattern(String resource) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = ScriptSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            NodeList types = factory.newDocumentBuilder()
                    .parse(in)
                    .getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "simpleType");
            for (int i = 0; i < types.getLength(); i++) {
                Element type = (Element) types.item(i);
                if ("an".equals(type.getAttribute("name"))) {
                    return ((Element) type.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "pattern")
                                    .item(0))
                            .getAttribute("value");
                }
            }
        }
        throw new AssertionError(resource + " has no simpleType 'an'");
    }

    private static Validator validatorFor(String pattern) throws SAXException {
        String xsd = "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'><xs:element name='v'><xs:simpleType>"
                + "<xs:restriction base='xs:string'><xs:pattern value='" + pattern + "'/></xs:restriction>"
                + "</xs:simpleType></xs:element></xs:schema>";
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(new StringReader(xsd)))
                .newValidator();
    }

    private static boolean accepts(Validator v, String text) throws Exception {
        try {
            v.validate(new StreamSource(new StringReader("<v>" + text + "</v>")));
            return true;
        } catch (SAXException e) {
            return false;
        }
    }

    /** Every string of 0 to {@code max} letters of the alphabet, as XML text (escapes count as one letter). */
    private static List<String> stringsUpTo(int max) {
        List<String> all = new ArrayList<>(List.of(""));
        List<String> last = List.of("");
        for (int length = 1; length <= max; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : last) {
                for (String letter : ALPHABET) {
                    next.add(prefix + letter);
                }
            }
            all.addAll(next);
            last = next;
        }
        return all;
    }
}
