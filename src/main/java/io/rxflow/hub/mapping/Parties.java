package io.rxflow.hub.mapping;

import io.rxflow.hub.script.model.AddressType;
import io.rxflow.hub.script.model.CommunicationNumbersType;
import io.rxflow.hub.script.model.NameType;
import io.rxflow.hub.script.model.NamesType;
import io.rxflow.hub.script.model.PhoneType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.Address;
import org.hl7.fhir.r5.model.ContactPoint;
import org.hl7.fhir.r5.model.HumanName;
import org.hl7.fhir.r5.model.StringType;

/** Names, addresses and phone numbers, shared by patient, prescriber and pharmacy mapping. */
final class Parties {
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().+-]");
    private static final Pattern US_ZIP = Pattern.compile("[0-9]{5}([0-9]{4})?");
    private static final Pattern TWO_LETTERS = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");

    private Parties() {}

    /** The official name, else the first; {@code base} is e.g. "Patient". */
    static NamesType names(List<HumanName> names, String base, Refusals r) {
        if (names.isEmpty()) {
            r.missing(base + ".name", "A name");
            return null;
        }
        int i = 0;
        for (int k = 0; k < names.size(); k++) {
            if (names.get(k).getUse() == HumanName.NameUse.OFFICIAL) {
                i = k;
                break;
            }
        }
        HumanName n = names.get(i);
        String path = base + ".name[" + i + "]";
        var name = new NameType();
        name.setLastName(r.requiredText(n.getFamily(), path + ".family", 35, "A family name"));
        List<StringType> given = n.getGiven();
        name.setFirstName(r.requiredText(
                given.isEmpty() ? null : given.get(0).getValue(), path + ".given[0]", 35, "A given name"));
        if (given.size() > 1) {
            String middle = String.join(
                    " ",
                    given.subList(1, given.size()).stream()
                            .map(StringType::getValue)
                            .toList());
            name.setMiddleName(r.text(middle, path + ".given[1]", 35));
        }
        name.setSuffix(n.hasSuffix() ? r.text(n.getSuffix().get(0).getValue(), path + ".suffix[0]", 10) : null);
        name.setPrefix(n.hasPrefix() ? r.text(n.getPrefix().get(0).getValue(), path + ".prefix[0]", 10) : null);
        var names23 = new NamesType();
        names23.setName(name);
        return names23;
    }

    /** Picks the address of the preferred use, else the first; null (and a refusal) when required and absent. */
    static AddressType address(
            List<Address> addresses, Address.AddressUse use, String base, boolean required, Refusals r) {
        if (addresses.isEmpty()) {
            if (required) {
                r.missing(base, "An address");
            }
            return null;
        }
        int i = 0;
        for (int k = 0; k < addresses.size(); k++) {
            if (addresses.get(k).getUse() == use) {
                i = k;
                break;
            }
        }
        return address(addresses.get(i), base + "[" + i + "]", r);
    }

    /** One address; lines beyond two are refused because dropping them would change the address. */
    static AddressType address(Address a, String path, Refusals r) {
        var out = new AddressType();
        List<StringType> lines = a.getLine();
        out.setAddressLine1(r.requiredText(
                lines.isEmpty() ? null : lines.get(0).getValue(), path + ".line[0]", 40, "Address line 1"));
        if (lines.size() > 1) {
            out.setAddressLine2(r.text(lines.get(1).getValue(), path + ".line[1]", 40));
        }
        if (lines.size() > 2) {
            r.add(path + ".line[2]", "SCRIPT carries at most two address lines", "address-lines-exceeded");
        }
        out.setCity(r.requiredText(a.getCity(), path + ".city", 35, "A city"));
        String country = country(a.getCountry(), path + ".country", r);
        out.setStateProvince(state(a.getState(), path + ".state", r));
        out.setPostalCode(postalCode(a.getPostalCode(), country, path + ".postalCode", r));
        out.setCountryCode(country);
        return out;
    }

    /** ISO 3166 alpha-2; "USA" becomes "US"; absent stays absent (never invented). */
    private static String country(String value, String path, Refusals r) {
        String c = r.text(value, path, 60);
        if (c == null) {
            return null;
        }
        String upper = c.strip().toUpperCase(Locale.ROOT);
        if (upper.equals("USA") || upper.equals("UNITED STATES")) {
            return "US";
        }
        if (!TWO_LETTERS.matcher(upper).matches()) {
            r.add(path, "must be an ISO 3166 two-letter country code", "country-format");
            return null;
        }
        return upper;
    }

    private static String state(String value, String path, Refusals r) {
        String s = r.text(value, path, 2);
        if (s != null && !TWO_LETTERS.matcher(s).matches()) {
            r.add(path, "must be the two-letter state or province code", "state-format");
            return null;
        }
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    /** US ZIP: 5 or 9 digits without the hyphen; other countries: as given. */
    private static String postalCode(String value, String country, String path, Refusals r) {
        String p = r.text(value, path, 12);
        if (p == null) {
            return null;
        }
        if (country == null || country.equals("US")) {
            String digits = p.replace("-", "").strip();
            if (!US_ZIP.matcher(digits).matches()) {
                r.add(path, "must be a US ZIP code of 5 or 9 digits", "postal-code-format");
                return null;
            }
            return digits;
        }
        return r.text(p, path, 10);
    }

    /**
     * Phone, fax and e-mail. SCRIPT requires a PrimaryTelephone inside CommunicationNumbers, so without a
     * phone the element is omitted (or refused when {@code required}).
     */
    static CommunicationNumbersType numbers(List<ContactPoint> telecom, String base, boolean required, Refusals r) {
        var out = new CommunicationNumbersType();
        for (int i = 0; i < telecom.size(); i++) {
            ContactPoint cp = telecom.get(i);
            String path = base + "[" + i + "].value";
            if (cp.getSystem() == ContactPoint.ContactPointSystem.PHONE && out.getPrimaryTelephone() == null) {
                out.setPrimaryTelephone(phone(cp.getValue(), path, r));
            } else if (cp.getSystem() == ContactPoint.ContactPointSystem.FAX
                    && out.getFax().isEmpty()) {
                PhoneType fax = phone(cp.getValue(), path, r);
                if (fax != null) {
                    out.getFax().add(fax);
                }
            } else if (cp.getSystem() == ContactPoint.ContactPointSystem.EMAIL
                    && out.getElectronicMail().isEmpty()) {
                String mail = r.text(cp.getValue(), path, 80);
                if (mail != null) {
                    out.getElectronicMail().add(mail);
                }
            }
        }
        if (out.getPrimaryTelephone() == null) {
            if (required) {
                r.missing(base, "A telephone number");
            }
            return null;
        }
        return out;
    }

    /** Digits only, 10 for a US number; a leading country code 1 is dropped. */
    private static PhoneType phone(String value, String path, Refusals r) {
        String v = r.text(value, path, 40);
        if (v == null) {
            return null;
        }
        String digits = PHONE_PUNCTUATION.matcher(v).replaceAll("");
        if (digits.length() == 11 && digits.startsWith("1")) {
            digits = digits.substring(1);
        }
        if (!TEN_DIGITS.matcher(digits).matches()) {
            r.add(path, "must be a 10-digit US telephone number", "phone-format");
            return null;
        }
        var phone = new PhoneType();
        phone.setNumber(digits);
        return phone;
    }
}
