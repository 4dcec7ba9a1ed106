package io.rxflow.hub.drugs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the words of an order say about its drug, for the controlled-substance table: whether it is a
 * combination, whether it is a liquid, and a substance's strength written next to its name.
 */
final class DrugText {
    private static final Pattern LIQUID = Pattern.compile(
            "\\b(solution|soln|syrup|elixir|suspension|susp|liquid|tincture|concentrate|drops|oral sol)\\b"
                    + "|mg\\s*/\\s*[0-9.]*\\s*ml\\b|\\bper\\s+[0-9.]*\\s*ml\\b");
    private static final Pattern SOLID = Pattern.compile(
            "\\b(tablets?|tab|tabs|capsules?|cap|caps|caplets?|lozenges?|troches?|films?|wafers?|softgels?|gelcaps?)\\b");
    private static final Pattern WORDS_JOINING = Pattern.compile("\\b(and|with|plus)\\b|\\bw/|&|\\+|;");
    private static final Pattern NUMBERS_JOINED = Pattern.compile("[0-9.]+\\s*[-/]\\s*[0-9.]+\\s*(mg|mcg)?\\b");
    private static final Pattern SLASH = Pattern.compile("([a-z]+)?\\s*/\\s*([a-z]+)");
    private static final List<String> UNITS = List.of(
            "mg", "mcg", "g", "kg", "ml", "l", "meq", "unit", "units", "hr", "h", "day", "actuat", "dose", "spray");
    private static final String SALTS = "phosphate|sulfate|sulphate|bitartrate|hydrochloride|hcl|hydrobromide|hbr|"
            + "tartrate|citrate|mesylate|maleate|acetate|sodium|potassium|base|anhydrous|hemihydrate|polistirex|"
            + "tannate|napsylate|bromide|besylate|succinate|cypionate|enanthate|undecanoate|decanoate|propionate";
    // The 1308 limits are in base; a strength written as a salt is converted (molecular weights).
    private static final Map<String, Double> BASE_FACTOR = Map.of("codeine phosphate", 0.736, "codeine sulfate", 0.797);

    /** One ingredient the order lists, with its strength when stated in mg per unit or per mL. */
    record Ingredient(String name, Double mgPerUnit, Double mgPer100Ml) {}

    private final List<String> texts;
    private final List<Ingredient> ingredients;
    private final String doseForm;
    private final boolean combination;

    DrugText(List<String> texts, List<Ingredient> ingredients, String doseForm) {
        this.texts = texts.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        this.ingredients = ingredients;
        this.doseForm = doseForm == null ? "" : doseForm.toLowerCase(Locale.ROOT);
        this.combination = ingredients.size() > 1 || this.texts.stream().anyMatch(DrugText::joinsIngredients);
    }

    List<String> texts() {
        return texts;
    }

    List<Ingredient> ingredients() {
        return ingredients;
    }

    /** More than one active ingredient: listed as such, or named with and, with, /, + or a hyphen. */
    boolean combination() {
        return combination;
    }

    /** Liquid by its dose form, by an ingredient strength per mL, else by its words; MAYBE when unsaid. */
    SubstanceRule.Applies liquid() {
        if (ingredients.stream().anyMatch(i -> i.mgPer100Ml() != null)) {
            return SubstanceRule.Applies.YES;
        }
        SubstanceRule.Applies byForm = liquid(List.of(doseForm));
        return byForm != SubstanceRule.Applies.MAYBE ? byForm : liquid(texts);
    }

    private static SubstanceRule.Applies liquid(List<String> in) {
        boolean liquid = in.stream().anyMatch(t -> LIQUID.matcher(t).find());
        boolean solid = in.stream().anyMatch(t -> SOLID.matcher(t).find());
        if (liquid == solid) {
            return SubstanceRule.Applies.MAYBE;
        }
        return liquid ? SubstanceRule.Applies.YES : SubstanceRule.Applies.NO;
    }

    /** True when a whole word (or words) {@code name} appears in the order's text or ingredients. */
    boolean mentions(String name) {
        Pattern p = Pattern.compile("\\b" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "\\b");
        return texts.stream().anyMatch(t -> p.matcher(t).find())
                || ingredients.stream().anyMatch(i -> p.matcher(i.name().toLowerCase(Locale.ROOT))
                        .find());
    }

    Double mgPerUnit(String substance) {
        return strength(substance, false);
    }

    Double mgPer100Ml(String substance) {
        return strength(substance, true);
    }

    /** From the listed ingredient first, else from "codeine phosphate 30 MG" or "2 MG/ML" in the text. */
    private Double strength(String substance, boolean per100Ml) {
        Pattern name = Pattern.compile("\\b" + Pattern.quote(substance) + "\\b(\\s+(" + SALTS + "))?");
        for (Ingredient i : ingredients) {
            Matcher m = name.matcher(i.name().toLowerCase(Locale.ROOT));
            Double mg = per100Ml ? i.mgPer100Ml() : i.mgPerUnit();
            if (m.find() && mg != null) {
                return mg * factor(substance, m.group(2));
            }
        }
        Pattern written = Pattern.compile(name.pattern() + "(\\s+(" + SALTS
                + "))*\\s*([0-9]+(\\.[0-9]+)?)\\s*(mg|mcg)\\b(\\s*(/|per)\\s*([0-9.]+)?\\s*ml\\b)?");
        for (String t : texts) {
            Matcher m = written.matcher(t);
            if (m.find()) {
                double mg = Double.parseDouble(m.group(5)) * (m.group(7).equals("mcg") ? 0.001 : 1);
                mg *= factor(substance, m.group(2));
                boolean perMl = m.group(8) != null;
                if (perMl != per100Ml) {
                    return null;
                }
                return perMl ? mg * 100 / (m.group(10) == null ? 1 : Double.parseDouble(m.group(10))) : mg;
            }
        }
        return null;
    }

    private static double factor(String substance, String salt) {
        return salt == null ? 1 : BASE_FACTOR.getOrDefault(substance + " " + salt, 1.0);
    }

    private static boolean joinsIngredients(String t) {
        if (WORDS_JOINING.matcher(t).find() || NUMBERS_JOINED.matcher(t).find()) {
            return true;
        }
        Matcher slash = SLASH.matcher(t);
        while (slash.find()) {
            // "acetaminophen / codeine", "APAP/codeine", "300 MG / codeine" join; "MG/ML" does not.
            if (slash.group(2) != null && !UNITS.contains(slash.group(2))) {
                return true;
            }
        }
        return hyphenJoinsNames(t);
    }

    // "hydrocodone-acetaminophen" joins two names; "extended-release" and "codeine-free" do not.
    private static boolean hyphenJoinsNames(String t) {
        Matcher m = Pattern.compile("\\b([a-z]{4,})-([a-z]{4,})\\b").matcher(t);
        while (m.find()) {
            if (!NOT_NAMES.contains(m.group(1)) && !NOT_NAMES.contains(m.group(2))) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> NOT_NAMES = List.of(
            "free",
            "release",
            "extended",
            "delayed",
            "immediate",
            "acting",
            "long",
            "short",
            "dose",
            "coated",
            "film",
            "chewable",
            "orally",
            "disintegrating",
            "based",
            "containing",
            "strength",
            "sugar",
            "alcohol",
            "dye",
            "depo",
            "once",
            "twice",
            "daily",
            "controlled",
            "sustained",
            "modified");
}
