package io.rxflow.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The hostile cases too big to commit, built from the corpus's valid baseline when a test needs them. */
public final class HostileBodies {
    private HostileBodies() {}

    /** The body of the {@code gen:<name>} case of {@code fixtures/hostile/index.md}. */
    public static String generated(String name, Path corpus) {
        var f = Fixtures.named("valid", "lisinopril-daily-envelope");
        return switch (name) {
            case "json-deep-arrays" -> "{\"medication_request\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
            case "json-deep-objects" -> Fixtures.contained(f, false)
                    .replaceFirst(
                            "\\{",
                            "{\"extension\":" + "[{\"url\":\"http://x\",\"extension\":".repeat(10_000) + "[]"
                                    + "}]".repeat(10_000) + ",");
            case "xml-deep-extensions" -> Fixtures.contained(f, true)
                    .replaceFirst(
                            "(<MedicationRequest[^>]*>)",
                            "$1" + "<extension url=\"http://x\">".repeat(10_000) + "</extension>".repeat(10_000));
            case "xml-deep-elements" -> Fixtures.transaction(f, true)
                    .replaceFirst("(<Bundle[^>]*>)", "$1" + "<a>".repeat(50_000) + "</a>".repeat(50_000));
            case "bundle-10000-entries-json" -> Fixtures.transaction(f, false)
                    .replaceFirst(
                            "\"entry\":\\[",
                            "\"entry\":["
                                    + "{\"fullUrl\":\"urn:uuid:00000000-0000-0000-0000-000000000000\"},".repeat(9_995));
            case "bundle-10000-entries-xml" -> Fixtures.transaction(f, true)
                    .replaceFirst("<entry>", "<entry><fullUrl value=\"urn:x\"/></entry>".repeat(9_995) + "<entry>");
            case "body-over-limit" -> "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
            case "long-string-name" -> read(corpus.resolve("base-envelope.json"))
                    .replace("\"Quokkafield\"", "\"" + "Q".repeat(900_000) + "\"");
            default -> throw new IllegalArgumentException("No generated case " + name);
        };
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
