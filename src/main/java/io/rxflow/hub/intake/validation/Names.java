package io.rxflow.hub.intake.validation;

import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r5.model.HumanName;
import org.hl7.fhir.r5.model.StringType;

/** Which HumanName SCRIPT carries, and the length rules on its parts (names 35, prefix/suffix 10). */
final class Names {
    static final int NAME_MAX = 35;
    static final int AFFIX_MAX = 10;

    private Names() {}

    /** Index of the name the mapper sends: the official one, else the first; -1 when there is none. */
    static int carried(List<HumanName> names) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).getUse() == HumanName.NameUse.OFFICIAL) {
                return i;
            }
        }
        return names.isEmpty() ? -1 : 0;
    }

    /** Checks every part that SCRIPT carries: LastName, FirstName, MiddleName (given[1..]), affixes. */
    static void checkText(String path, HumanName name, Findings findings) {
        findings.scriptText(path + ".family", name.getFamily(), NAME_MAX);
        List<StringType> given = name.getGiven();
        for (int i = 0; i < given.size(); i++) {
            findings.scriptText(path + ".given[" + i + "]", given.get(i).getValue(), NAME_MAX);
        }
        if (given.size() > 2) {
            // Several middle names travel together in the one MiddleName element.
            String middle = given.subList(1, given.size()).stream()
                    .map(StringType::getValue)
                    .collect(Collectors.joining(" "));
            findings.length(path + ".given", middle, NAME_MAX);
        }
        checkAffixes(path + ".prefix", name.getPrefix(), findings);
        checkAffixes(path + ".suffix", name.getSuffix(), findings);
    }

    private static void checkAffixes(String path, List<StringType> affixes, Findings findings) {
        for (int i = 0; i < affixes.size(); i++) {
            findings.scriptText(path + "[" + i + "]", affixes.get(i).getValue(), AFFIX_MAX);
        }
    }
}
