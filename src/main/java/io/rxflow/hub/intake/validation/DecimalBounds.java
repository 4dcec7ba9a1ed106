package io.rxflow.hub.intake.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.rxflow.hub.support.PrescriptionResources;
import io.rxflow.hub.support.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r5.model.Base;
import org.hl7.fhir.r5.model.DecimalType;
import org.hl7.fhir.r5.model.Property;
import org.hl7.fhir.r5.model.Resource;

/**
 * Bounds every number of a prescription before any arithmetic touches it: at most 18 digits before
 * the decimal point and 17 after it, the limits of FHIR's own decimal syntax and far beyond any
 * quantity, dose, period or duration SCRIPT can carry. Unbounded, the 8 characters {@code 1e999999}
 * become a million-digit number in HAPI's JSON parser, and {@code stripTrailingZeros} in the mapping
 * then holds a request thread for minutes. Checked three times, each time as early as it can be: JSON
 * numbers before HAPI parses them, number-like text of any format before HAPI parses it, and every
 * decimal of the parsed resources at validation (XML and numbers sent as JSON strings).
 */
public final class DecimalBounds {
    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_FRACTION_DIGITS = 17;
    /** Longest number-like text: Jackson refuses longer JSON numbers, and no SCRIPT element is as long. */
    static final int MAX_NUMBER_TEXT = 1000;

    static final String MESSAGE = "is a number beyond the hub's range: at most " + MAX_INTEGER_DIGITS
            + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private DecimalBounds() {}

    /** True when the value is within the bounds; costs no more than the size of its digits. */
    static boolean within(BigDecimal value) {
        // More bits than 35 digits need cannot fit both bounds; checking first keeps precision() cheap.
        if (value.unscaledValue().bitLength() > 128) {
            return false;
        }
        long scale = value.scale();
        return scale <= MAX_FRACTION_DIGITS && value.precision() - scale <= MAX_INTEGER_DIGITS;
    }

    /** {@link #checkJson(JsonParser, String)} over JSON text. */
    public static void checkJson(JsonFactory factory, String text, String root) {
        try {
            checkJson(factory.createParser(text), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses (422) the first number of a JSON resource out of bounds, named by its FHIRPath under
     * {@code root}. Malformed JSON ends the check quietly: HAPI's parse then reports it with its position.
     */
    public static void checkJson(JsonParser json, String root) {
        try (json) {
            for (JsonToken t = json.nextToken(); t != null; t = json.nextToken()) {
                boolean refused =
                        switch (t) {
                            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> !within(json.getDecimalValue());
                            case VALUE_STRING -> tooLongNumber(json.getText());
                            default -> false;
                        };
                if (refused) {
                    throw refusal(path(json.getParsingContext(), root));
                }
            }
        } catch (JsonProcessingException malformed) {
            // Left to HAPI, whose message names the element and position.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses (422) a document holding number-like text longer than any decimal can be, before HAPI reads it. */
    public static void checkText(String text, String root) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = numberChar(text.charAt(i)) ? run + 1 : 0;
            if (run > MAX_NUMBER_TEXT) {
                throw refusal(root);
            }
        }
    }

    /** Adds a finding for every parsed decimal out of bounds, named by its FHIRPath. */
    static void check(PrescriptionResources r, Findings findings) {
        for (Resource resource :
                new Resource[] {r.medicationRequest(), r.patient(), r.practitioner(), r.pharmacy(), r.medication()}) {
            if (resource != null) {
                check(resource, At.of(resource), findings);
            }
        }
    }

    private static void check(Base element, At at, Findings findings) {
        for (Property property : element.children()) {
            List<Base> values = property.getValues();
            for (int i = 0; i < values.size(); i++) {
                Base value = values.get(i);
                if (value instanceof DecimalType decimal) {
                    if (decimal.getValue() != null && !within(decimal.getValue())) {
                        findings.add(at.child(property, value, i).path(), Rule.DECIMAL_OUT_OF_RANGE, MESSAGE);
                    }
                } else if (!value.isPrimitive()) {
                    check(value, at.child(property, value, i), findings);
                }
            }
        }
    }

    /**
     * Where an element is, written out as a FHIRPath only for a finding: the walk passes every element
     * of a prescription, and building each one's path text was most of its cost.
     */
    private record At(At parent, String root, Property property, Base value, int index) {
        static At of(Resource resource) {
            return new At(null, resource.fhirType(), null, null, 0);
        }

        At child(Property property, Base value, int index) {
            return new At(this, null, property, value, index);
        }

        String path() {
            if (parent == null) {
                return root;
            }
            return parent.path() + "." + property.getName().replace("[x]", capitalized(value.fhirType()))
                    + (property.getMaxCardinality() > 1 ? "[" + index + "]" : "");
        }
    }

    /** The refusal (422) of a number out of bounds at {@code expression}, for checks made elsewhere. */
    public static ValidationFailedException outOfRange(String expression) {
        return refusal(expression);
    }

    private static ValidationFailedException refusal(String expression) {
        return new ValidationFailedException(
                List.of(new Violation(expression, MESSAGE, Rule.DECIMAL_OUT_OF_RANGE.code())));
    }

    private static boolean tooLongNumber(String text) {
        if (text.length() <= MAX_NUMBER_TEXT) {
            return false;
        }
        return text.chars().allMatch(c -> numberChar((char) c));
    }

    private static boolean numberChar(char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
    }

    private static String path(JsonStreamContext context, String root) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + c.getCurrentIndex() + "]");
            } else {
                String name = c.getCurrentName();
                // The name is the client's text: only an element name goes into the answer and the audit.
                parts.push("." + (name != null && NAME.matcher(name).matches() ? name : "?"));
            }
        }
        return root + String.join("", parts);
    }

    private static String capitalized(String type) {
        return type.isEmpty() ? type : Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }
}
