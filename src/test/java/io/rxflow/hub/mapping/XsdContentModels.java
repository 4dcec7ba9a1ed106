package io.rxflow.hub.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads one of the hub's own SCRIPT schemas (the subset of XML Schema they use: named types, sequence,
 * choice, element, simple restrictions) and answers, for an element path such as
 * {@code Message/Body/NewRx/MedicationPrescribed/Sig}, how often the element may occur in its parent and
 * its content in the notation of the shared reference script-schema-fidelity.md: {@code SigText,
 * (CodeSystem, Instruction, ...)?} for children, {@code an1..35}, {@code n}, {@code code {AND, OR, TO}}
 * or {@code xs:date} for text.
 */
final class XsdContentModels {
    private static final String XS = "http://www.w3.org/2001/XMLSchema";
    private static final int UNBOUNDED = Integer.MAX_VALUE;

    /** An element's declaration as the schema has it: occurrences in its parent and its content. */
    record Declaration(String occurs, String content) {}

    private final Map<String, Element> complexTypes = new HashMap<>();
    private final Map<String, Element> simpleTypes = new HashMap<>();
    private final Element root;

    private XsdContentModels(Element schema) {
        Element message = null;
        for (Element e : children(schema)) {
            switch (e.getLocalName()) {
                case "complexType" -> complexTypes.put(e.getAttribute("name"), e);
                case "simpleType" -> simpleTypes.put(e.getAttribute("name"), e);
                case "element" -> message = e;
                default -> {}
            }
        }
        this.root = message;
    }

    static XsdContentModels load(String classpathResource) {
        try (InputStream in = XsdContentModels.class.getClassLoader().getResourceAsStream(classpathResource)) {
            var f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new XsdContentModels(f.newDocumentBuilder().parse(in).getDocumentElement());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(classpathResource + " is not readable XML", e);
        }
    }

    /** The declaration at {@code path} (names separated by '/', starting with Message), or null if undeclared. */
    Declaration find(String path) {
        String[] steps = path.split("/");
        if (!steps[0].equals(root.getAttribute("name"))) {
            return null;
        }
        Element decl = root;
        String occurs = "1..1";
        for (int i = 1; i < steps.length; i++) {
            Element model = contentModel(decl);
            List<Element> found = new ArrayList<>();
            collect(model, steps[i], found);
            if (found.isEmpty()) {
                return null;
            }
            Set<String> types = new LinkedHashSet<>();
            found.forEach(e -> types.add(e.getAttribute("type")));
            if (types.size() != 1) {
                throw new IllegalStateException(path + ": " + steps[i] + " declared with types " + types);
            }
            int[] count = count(model, steps[i]);
            occurs = count[0] + ".." + (count[1] == UNBOUNDED ? "*" : Integer.toString(count[1]));
            decl = found.get(0);
        }
        return new Declaration(occurs, content(decl));
    }

    /** The model group of a complex element (null for text content). */
    private Element contentModel(Element decl) {
        Element type = complexType(decl);
        if (type == null) {
            return null;
        }
        for (Element c : children(type)) {
            if (c.getLocalName().equals("sequence") || c.getLocalName().equals("choice")) {
                return c;
            }
        }
        return null;
    }

    private Element complexType(Element decl) {
        for (Element c : children(decl)) {
            if (c.getLocalName().equals("complexType")) {
                return c;
            }
        }
        return complexTypes.get(decl.getAttribute("type"));
    }

    private static void collect(Element particle, String name, List<Element> out) {
        if (particle == null) {
            return;
        }
        if (particle.getLocalName().equals("element")) {
            if (particle.getAttribute("name").equals(name)) {
                out.add(particle);
            }
            return;
        }
        for (Element c : children(particle)) {
            collect(c, name, out);
        }
    }

    /** {min, max} occurrences of elements named {@code name} in one match of {@code particle}. */
    private static int[] count(Element particle, String name) {
        int[] inner;
        switch (particle.getLocalName()) {
            case "element" -> inner = particle.getAttribute("name").equals(name) ? new int[] {1, 1} : new int[] {0, 0};
            case "sequence" -> {
                inner = new int[] {0, 0};
                for (Element c : children(particle)) {
                    int[] n = count(c, name);
                    inner = new int[] {inner[0] + n[0], add(inner[1], n[1])};
                }
            }
            case "choice" -> {
                inner = null;
                for (Element c : children(particle)) {
                    if (c.getLocalName().equals("annotation")) {
                        continue;
                    }
                    int[] n = count(c, name);
                    inner = inner == null ? n : new int[] {Math.min(inner[0], n[0]), Math.max(inner[1], n[1])};
                }
            }
            default -> inner = new int[] {0, 0};
        }
        return new int[] {inner[0] * min(particle), multiply(inner[1], max(particle))};
    }

    private String content(Element decl) {
        Element type = complexType(decl);
        if (type != null) {
            Element model = contentModel(decl);
            if (model != null) {
                return render(model, true);
            }
            return simpleContent(type);
        }
        return simple(decl.getAttribute("type"));
    }

    /** The reference's notation: ", " in a sequence, " | " in a choice, ? * {m..n} after a particle. */
    private static String render(Element particle, boolean top) {
        String suffix = suffix(min(particle), max(particle));
        if (particle.getLocalName().equals("element")) {
            return particle.getAttribute("name") + suffix;
        }
        boolean choice = particle.getLocalName().equals("choice");
        List<String> parts = new ArrayList<>();
        for (Element c : children(particle)) {
            if (!c.getLocalName().equals("annotation")) {
                String r = render(c, false);
                // A sequence of exactly once inside a sequence reads the same flattened.
                boolean flatten = !choice
                        && c.getLocalName().equals("sequence")
                        && suffix(min(c), max(c)).isEmpty();
                parts.add(flatten ? r.substring(1, r.length() - 1) : r);
            }
        }
        String joined = String.join(choice ? " | " : ", ", parts);
        return top && suffix.isEmpty() ? joined : "(" + joined + ")" + suffix;
    }

    private String simpleContent(Element type) {
        for (Element sc : children(type)) {
            if (sc.getLocalName().equals("simpleContent")) {
                Element ext = children(sc).get(0);
                StringBuilder out = new StringBuilder(simple(ext.getAttribute("base")));
                for (Element a : children(ext)) {
                    out.append(" @")
                            .append(a.getAttribute("name"))
                            .append("required".equals(a.getAttribute("use")) ? "" : "?")
                            .append(' ')
                            .append(simple(a.getAttribute("type")));
                }
                return out.toString();
            }
        }
        return "empty";
    }

    /** an, an1..35, n, n1..3, code {...} (declared order), an pattern ..., or the xs: type. */
    private String simple(String typeName) {
        if (typeName.startsWith("xs:")) {
            return typeName;
        }
        List<String> codes = new ArrayList<>();
        String length = null;
        String pattern = null;
        String name = typeName;
        while (!name.equals("an") && !name.equals("n")) {
            Element type = simpleTypes.get(name);
            if (type == null) {
                throw new IllegalStateException("simple type " + name + " is not declared");
            }
            Element restriction = children(type).stream()
                    .filter(e -> e.getLocalName().equals("restriction"))
                    .findFirst()
                    .orElseThrow();
            for (Element facet : children(restriction)) {
                String v = facet.getAttribute("value");
                switch (facet.getLocalName()) {
                    case "enumeration" -> codes.add(v);
                    case "maxLength" -> length = length == null ? "1.." + v : length;
                    case "length" -> length = length == null ? v + ".." + v : length;
                    case "pattern" -> pattern = pattern == null ? v : pattern;
                    default -> {}
                }
            }
            name = restriction.getAttribute("base");
            if (name.startsWith("xs:")) {
                return name + (pattern == null ? "" : " pattern " + pattern);
            }
        }
        if (!codes.isEmpty()) {
            return "code {" + String.join(", ", codes) + "}";
        }
        return name + (length == null ? "" : length) + (pattern == null ? "" : " pattern " + pattern);
    }

    private static String suffix(int min, int max) {
        if (min == 1 && max == 1) {
            return "";
        }
        if (min == 0 && max == 1) {
            return "?";
        }
        if (min == 0 && max == UNBOUNDED) {
            return "*";
        }
        return "{" + min + ".." + (max == UNBOUNDED ? "*" : Integer.toString(max)) + "}";
    }

    private static int min(Element particle) {
        String v = particle.getAttribute("minOccurs");
        return v.isEmpty() ? 1 : Integer.parseInt(v);
    }

    private static int max(Element particle) {
        String v = particle.getAttribute("maxOccurs");
        return v.isEmpty() ? 1 : v.equals("unbounded") ? UNBOUNDED : Integer.parseInt(v);
    }

    private static int add(int a, int b) {
        return a == UNBOUNDED || b == UNBOUNDED ? UNBOUNDED : a + b;
    }

    private static int multiply(int a, int b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a == UNBOUNDED || b == UNBOUNDED ? UNBOUNDED : a * b;
    }

    private static List<Element> children(Node parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XS.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }
}
