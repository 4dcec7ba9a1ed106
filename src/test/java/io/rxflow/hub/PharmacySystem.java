package io.rxflow.hub;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Writes follow-up messages the way a pharmacy system does: its own MessageID, the NewRx's MessageID
 * as RelatesToMessageID, its own RxReferenceNumber, the prescriber's order number echoed, and the
 * parties and medication echoed from the NewRx it received, in the NewRx's SCRIPT version (a 2017071
 * pharmacy writes FillStatus where 2023011 has StatusType, and its medication has OtherMedicationDate).
 */
public final class PharmacySystem {
    private final Document newRx;
    private final String ncpdpId;

    public PharmacySystem(String newRxXml, String ncpdpId) {
        this.newRx = parse(newRxXml);
        this.ncpdpId = ncpdpId;
    }

    public static String newMessageId() {
        return "PH" + UUID.randomUUID().toString().replace("-", "").substring(0, 30);
    }

    public String newRxMessageId() {
        return text("MessageID");
    }

    public String orderNumber() {
        return text("PrescriberOrderNumber");
    }

    /** RxFill with {@code status} one of Dispensed, PartiallyDispensed, Transferred (a Note), or NotDispensed. */
    public String rxFill(String messageId, String relatesTo, String rxReference, String status) {
        String statusXml = status.equals("NotDispensed")
                ? "<NotDispensed><Note>Patient declined</Note><ReasonCode>AE</ReasonCode></NotDispensed>"
                : "<" + status + "><Note>Filled by RPh J. Ortiz</Note></" + status + ">";
        String statusElement = is2017071() ? "FillStatus" : "StatusType";
        String body = "<RxFill><" + statusElement + ">" + statusXml + "</" + statusElement + ">" + copy("Patient")
                + copy("Pharmacy") + copy("Prescriber") + dispensed() + "</RxFill>";
        return message(messageId, relatesTo, rxReference, orderNumber(), body);
    }

    /** CancelRxResponse Approved, or Denied with reason code AP (already dispensed). */
    public String cancelRxResponse(String messageId, String relatesTo, String rxReference, boolean approved) {
        String response = approved
                ? "<Approved><Note>Cancelled before dispensing</Note></Approved>"
                : "<Denied><ReasonCode>AP</ReasonCode><DenialReason>Already picked up</DenialReason></Denied>";
        return message(
                messageId,
                relatesTo,
                rxReference,
                orderNumber(),
                "<CancelRxResponse><Response>" + response + "</Response></CancelRxResponse>");
    }

    public String rxRenewalRequest(String messageId, String relatesTo, String rxReference) {
        // A renewal's MedicationDispensed names the last fill date and carries no refill count.
        String dispensed = dispensed()
                .replaceFirst("<NumberOfRefills>[^<]*</NumberOfRefills>", "")
                .replaceFirst(
                        "(</WrittenDate>)",
                        "$1<LastFillDate><Date>" + java.time.LocalDate.now() + "</Date></LastFillDate>");
        String body = "<RxRenewalRequest>" + copy("Patient") + copy("Pharmacy") + copy("Prescriber") + dispensed
                + "</RxRenewalRequest>";
        return message(messageId, relatesTo, rxReference, orderNumber(), body);
    }

    public String rxChangeRequest(String messageId, String relatesTo, String rxReference) {
        String body = "<RxChangeRequest><MessageRequestCode>G</MessageRequestCode>" + copy("Patient")
                + copy("Pharmacy") + copy("Prescriber") + copy("MedicationPrescribed")
                + "<ChangeReasonText>Generic substitution requested by patient</ChangeReasonText></RxChangeRequest>";
        return message(messageId, relatesTo, rxReference, orderNumber(), body);
    }

    /** A message with any body, as this pharmacy; null header values are left out. */
    public String message(String messageId, String relatesTo, String rxReference, String orderNumber, String body) {
        Element root = newRx.getDocumentElement();
        StringBuilder attrs = new StringBuilder();
        for (String a : new String[] {
            "DatatypesVersion",
            "TransportVersion",
            "TransactionDomain",
            "TransactionVersion",
            "StructuresVersion",
            "ECLVersion"
        }) {
            attrs.append(' ')
                    .append(a)
                    .append("=\"")
                    .append(root.getAttribute(a))
                    .append('"');
        }
        StringBuilder h = new StringBuilder("<Header>");
        h.append("<To Qualifier=\"ZZZ\">").append(text("From")).append("</To>");
        h.append("<From Qualifier=\"P\">").append(ncpdpId).append("</From>");
        h.append("<MessageID>").append(messageId).append("</MessageID>");
        if (relatesTo != null) {
            h.append("<RelatesToMessageID>").append(relatesTo).append("</RelatesToMessageID>");
        }
        h.append("<SentTime>")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("</SentTime>");
        h.append("<SenderSoftware><SenderSoftwareDeveloper>PioneerRx</SenderSoftwareDeveloper>"
                + "<SenderSoftwareProduct>PioneerRx Pharmacy</SenderSoftwareProduct>"
                + "<SenderSoftwareVersionRelease>2024.3</SenderSoftwareVersionRelease></SenderSoftware>");
        if (rxReference != null) {
            h.append("<RxReferenceNumber>").append(rxReference).append("</RxReferenceNumber>");
        }
        if (orderNumber != null) {
            h.append("<PrescriberOrderNumber>").append(orderNumber).append("</PrescriberOrderNumber>");
        }
        h.append("</Header>");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message" + attrs + ">" + h + "<Body>" + body
                + "</Body></Message>";
    }

    /** True when the NewRx this pharmacy received was SCRIPT 2017071. */
    public boolean is2017071() {
        return newRx.getDocumentElement().getAttribute("TransactionVersion").startsWith("2017");
    }

    /** MedicationPrescribed echoed as MedicationDispensed (what the pharmacy gave out). */
    private String dispensed() {
        Element prescribed =
                (Element) newRx.getElementsByTagName("MedicationPrescribed").item(0);
        Element copy = (Element) prescribed.cloneNode(true);
        String datesElement = is2017071() ? "OtherMedicationDate" : "OtherMedicationDates";
        Node dates;
        while ((dates = directChild(copy, datesElement)) != null) {
            copy.removeChild(dates);
        }
        String xml = serialize(copy);
        return "<MedicationDispensed>" + xml.substring(xml.indexOf('>') + 1, xml.lastIndexOf("</"))
                + "</MedicationDispensed>";
    }

    private static Node directChild(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return n;
            }
        }
        return null;
    }

    private String copy(String element) {
        return serialize(newRx.getElementsByTagName(element).item(0));
    }

    private String text(String element) {
        Node n = newRx.getElementsByTagName(element).item(0);
        return n == null ? null : n.getTextContent().strip();
    }

    private static String serialize(Node node) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            var out = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Document parse(String xml) {
        try {
            var f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
