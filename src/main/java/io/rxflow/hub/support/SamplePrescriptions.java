package io.rxflow.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sample prescriptions shipped in the jar under {@code check-schemas/}: intake envelopes written the
 * way US EHRs write them, synthetic (no real patient). {@code --check-schemas} maps them for the
 * operator's licensed schemas; the intake warm-up sends them through the preview route at start.
 */
public final class SamplePrescriptions {
    /** Their folder on the classpath. */
    public static final String FOLDER = "check-schemas/";

    private static final String INDEX = FOLDER + "index.txt";

    private SamplePrescriptions() {}

    /** Their file names, from the index shipped beside them (a jar cannot be listed). */
    public static List<String> names() {
        try (InputStream in = open(INDEX)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX, e);
        }
    }

    /** One sample's envelope, as its bytes. */
    public static byte[] read(String name) {
        try (InputStream in = open(FOLDER + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample prescription " + name, e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = SamplePrescriptions.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is missing from the classpath");
        }
        return in;
    }
}
