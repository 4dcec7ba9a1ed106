package io.rxflow.hub;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package contracts: each {@code package-info.java} says what its package may call ("May call:
 * a, b."), these tests hold the code to it, and docs/architecture.md must say the same.
 */
class ArchitectureTest {
    private static final String ROOT = "io.rxflow.hub";
    private static final Path SOURCES = Path.of("src/main/java/io/rxflow/hub");
    private static final Pattern MAY_CALL = Pattern.compile("May call: (.+?)\\.(?:\\s|$)");
    private static final Pattern DOC_ROW = Pattern.compile("(?m)^\\| `([a-z.]+)` \\|[^|]*\\| ([^|]+) \\|$");

    private static JavaClasses hub;
    private static Map<String, List<String>> contracts;

    @BeforeAll
    static void importHub() throws IOException {
        hub = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        contracts = declaredContracts();
    }

    @Test
    void everyPackageDeclaresWhatItMayCall() throws IOException {
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            List<String> packages = dirs.filter(Files::isDirectory)
                    .filter(d -> hasJava(d))
                    .map(d -> SOURCES.relativize(d).toString().replace('/', '.'))
                    .filter(p -> !p.isEmpty())
                    .toList();
            assertThat(contracts.keySet()).containsExactlyInAnyOrderElementsOf(packages);
        }
    }

    @Test
    void packagesCallOnlyWhatTheirContractAllows() {
        contracts.forEach((pkg, allowed) -> {
            if (allowed.contains("every package")) {
                return;
            }
            String[] permitted = Stream.concat(Stream.of(pkg), allowed.stream())
                    .flatMap(ArchitectureTest::packagesOf)
                    .toArray(String[]::new);
            classes()
                    .that()
                    .resideInAnyPackage(packagesOf(pkg).toArray(String[]::new))
                    .should()
                    .onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..").or(resideInAnyPackage(permitted)))
                    .because(pkg + "/package-info.java says it may call " + allowed)
                    .check(hub);
        });
    }

    @Test
    void theGraphHasNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(hub);
    }

    @Test
    void mappingScriptAndDrugsImportNoCamelOrSpring() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".mapping..", ROOT + ".script..", ROOT + ".drugs..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.camel..", "org.springframework..")
                .check(hub);
    }

    @Test
    void intakeNeverReachesDispatchOrResponses() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".intake..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".dispatch..", ROOT + ".responses..")
                .check(hub);
    }

    @Test
    void nothingButTheCompositionRootCallsTheSimulator() {
        noClasses()
                .that(not(resideInAnyPackage(ROOT + ".simulator..", ROOT + ".config..")))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".simulator..")
                .check(hub);
    }

    @Test
    void architectureDocumentStatesTheSameContracts() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        doc = doc.substring(doc.indexOf("## Packages"), doc.indexOf("\n## ", doc.indexOf("## Packages")));
        Map<String, List<String>> documented = new TreeMap<>();
        Matcher m = DOC_ROW.matcher(doc);
        while (m.find()) {
            documented.put(m.group(1), names(m.group(2).replace("`", "")));
        }
        assertThat(documented).isEqualTo(new TreeMap<>(contracts));
    }

    private static Map<String, List<String>> declaredContracts() throws IOException {
        Map<String, List<String>> declared = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path info : files.filter(f -> f.endsWith("package-info.java")).toList()) {
                String pkg = SOURCES.relativize(info.getParent()).toString().replace('/', '.');
                Matcher m = MAY_CALL.matcher(Files.readString(info).replaceAll("\\s*\\*\\s*", " "));
                assertThat(m.find()).as(info + " has a 'May call: ...' line").isTrue();
                declared.put(pkg, names(m.group(1)));
            }
        }
        return declared;
    }

    private static List<String> names(String list) {
        String trimmed = list.strip();
        return trimmed.equals("nothing")
                ? List.of()
                : Arrays.stream(trimmed.split(",")).map(String::strip).toList();
    }

    /** A package and, for the SCRIPT codec, the JAXB model generated into its sub-package. */
    private static Stream<String> packagesOf(String pkg) {
        return pkg.equals("script") ? Stream.of(ROOT + ".script", ROOT + ".script.model") : Stream.of(ROOT + "." + pkg);
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
