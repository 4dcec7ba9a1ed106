package io.rxflow.hub.responses;

import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptXml;
import io.rxflow.hub.script.model.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Shared pieces for the reply tests: the hub's XML, a pharmacy's settings and a received NewRx. */
final class ReplyFixtures {
    static final ScriptXml XML = new ScriptXml(ScriptSchemas.load(null));
    static final ScriptAnswers ANSWERS = new ScriptAnswers(XML);
    static final PharmacyReplies REPLIES = new PharmacyReplies(XML);
    static final Instant NOW = Instant.parse("2026-01-15T14:30:07.250Z");
    static final String NEWRX_ID = "6f1c2d3e4a5b4c6d8e9f00112233aabc";
    static final String REPLY_ID = "0a0b0c0d0e0f40118899aabbccddeeff";
    static final ScriptSettings PHARMACY = new ScriptSettings(
            "1234567",
            "P",
            "RxFlow",
            "RxFlow Pharmacy Simulator",
            "0.1.0",
            ScriptSettings.VersionAttributes.all(ScriptSettings.DEFAULT_2023011),
            ScriptSettings.VersionAttributes.all(ScriptSettings.DEFAULT_2017071),
            null,
            true);

    private ReplyFixtures() {}

    /** The golden NewRx of a mapping scenario, as the pharmacy receives it. */
    static String newRxXml(String version) {
        Path file = Path.of("src/test/resources/fixtures/mapping/rxnorm-only/expected-" + version + ".xml");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Message newRx(String version) {
        return XML.unmarshal(newRxXml(version));
    }
}
