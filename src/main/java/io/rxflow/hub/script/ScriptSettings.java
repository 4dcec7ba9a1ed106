package io.rxflow.hub.script;

import io.rxflow.hub.support.ScriptText;
import java.util.Objects;

/**
 * What the hub says about itself in every SCRIPT message: the sender ID the network assigned, the
 * sender software, and the envelope version attributes per SCRIPT version (configurable per trading
 * partner because the 2023011 values are not publicly confirmed). {@code stateLicenseSystem} is the
 * identifier system the EHR uses for prescriber state licences (no standard one exists); null skips it.
 * {@code structuredSig}: send the structured Sig after SigText where the dosage is fully expressible
 * (false: SigText only).
 */
public record ScriptSettings(
        String senderId,
        String senderQualifier,
        String softwareDeveloper,
        String softwareProduct,
        String softwareVersion,
        VersionAttributes script2023011,
        VersionAttributes script2017071,
        String stateLicenseSystem,
        boolean structuredSig) {

    /** Default 2023011 attribute value: the schema version of the 2023011 XSD (reference section 1). */
    public static final String DEFAULT_2023011 = "20230116";

    /** Default 2017071 attribute value: what production 2017071 senders use (reference section 1). */
    public static final String DEFAULT_2017071 = "20170715";

    /** The five free-text version attributes of the Message envelope. */
    public record VersionAttributes(
            String datatypes, String transport, String transaction, String structures, String ecl) {
        public VersionAttributes {
            for (String v : new String[] {datatypes, transport, transaction, structures, ecl}) {
                requireText(v, 35, "SCRIPT version attribute");
            }
        }

        /** The same value in all five attributes, as every known sender does. */
        public static VersionAttributes all(String value) {
            return new VersionAttributes(value, value, value, value, value);
        }

        /** Sets the envelope's six required attributes (domain SCRIPT and these five). */
        public void applyTo(io.rxflow.hub.script.model.Message m) {
            m.setDatatypesVersion(datatypes);
            m.setTransportVersion(transport);
            m.setTransactionDomain("SCRIPT");
            m.setTransactionVersion(transaction);
            m.setStructuresVersion(structures);
            m.setECLVersion(ecl);
        }
    }

    /** Header/SenderSoftware for messages this software creates. */
    public io.rxflow.hub.script.model.SenderSoftwareType senderSoftware() {
        var software = new io.rxflow.hub.script.model.SenderSoftwareType();
        software.setSenderSoftwareDeveloper(softwareDeveloper);
        software.setSenderSoftwareProduct(softwareProduct);
        software.setSenderSoftwareVersionRelease(softwareVersion);
        return software;
    }

    public ScriptSettings {
        requireText(senderId, 255, "sender ID");
        requireText(senderQualifier, 6, "sender ID qualifier");
        requireText(softwareDeveloper, 35, "SenderSoftwareDeveloper");
        requireText(softwareProduct, 35, "SenderSoftwareProduct");
        requireText(softwareVersion, 50, "SenderSoftwareVersionRelease");
        Objects.requireNonNull(script2023011, "2023011 version attributes");
        Objects.requireNonNull(script2017071, "2017071 version attributes");
    }

    /** These settings with the structured Sig on or off. */
    public ScriptSettings withStructuredSig(boolean on) {
        return new ScriptSettings(
                senderId,
                senderQualifier,
                softwareDeveloper,
                softwareProduct,
                softwareVersion,
                script2023011,
                script2017071,
                stateLicenseSystem,
                on);
    }

    /** Defaults for a sender ID: qualifier D (prescriber), RxFlow Hub 0.1.0, the default versions, structured Sig on. */
    public static ScriptSettings defaults(String senderId) {
        return new ScriptSettings(
                senderId,
                "D",
                "RxFlow",
                "RxFlow Hub",
                "0.1.0",
                VersionAttributes.all(DEFAULT_2023011),
                VersionAttributes.all(DEFAULT_2017071),
                null,
                true);
    }

    // Settings are checked at start-up so a bad configuration fails the boot, not every prescription.
    private static void requireText(String value, int maxLength, String what) {
        if (value == null || value.isBlank() || !ScriptText.isAscii(value) || !ScriptText.fits(value, maxLength)) {
            throw new IllegalArgumentException(what + " must be printable ASCII of 1 to " + maxLength + " characters");
        }
    }
}
