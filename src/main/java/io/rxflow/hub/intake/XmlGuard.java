package io.rxflow.hub.intake;

/**
 * Refuses XML that declares a document type before any parser sees it: no DTD means no external
 * entities (XXE) and no entity expansion ("billion laughs"), whatever the parser's own settings.
 */
final class XmlGuard {
    private XmlGuard() {}

    static void rejectDoctype(String xml) {
        int i = 0;
        int n = xml.length();
        while (i < n) {
            int lt = xml.indexOf('<', i);
            if (lt < 0 || lt + 1 >= n) {
                return;
            }
            if (xml.startsWith("<?", lt)) {
                i = skipPast(xml, lt, "?>");
            } else if (xml.startsWith("<!--", lt)) {
                i = skipPast(xml, lt, "-->");
            } else if (xml.regionMatches(true, lt, "<!DOCTYPE", 0, 9)) {
                throw InputRejectedException.malformed("XML with a DOCTYPE declaration is not accepted", null);
            } else {
                return; // the root element: a DOCTYPE can only come before it
            }
        }
    }

    private static int skipPast(String xml, int from, String end) {
        int at = xml.indexOf(end, from);
        return at < 0 ? xml.length() : at + end.length();
    }
}
