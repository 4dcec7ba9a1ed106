package io.rxflow.hub.script;

import io.rxflow.hub.script.ScriptSettings.VersionAttributes;
import java.util.Optional;

/** The two SCRIPT versions the hub speaks, recognised from a message's TransactionVersion attribute. */
public enum ScriptVersion {
    V2023011,
    V2017071;

    /**
     * The version whose TransactionVersion value this is: the configured value for either version, or
     * failing that the year prefix ({@code 2017...}, {@code 2023...}), because the attribute is free
     * text and partners' values differ. Empty when neither matches.
     */
    public static Optional<ScriptVersion> of(String transactionVersion, ScriptSettings settings) {
        if (transactionVersion == null) {
            return Optional.empty();
        }
        String v = transactionVersion.strip();
        if (v.equals(settings.script2017071().transaction())) {
            return Optional.of(V2017071);
        }
        if (v.equals(settings.script2023011().transaction())) {
            return Optional.of(V2023011);
        }
        if (v.startsWith("2017")) {
            return Optional.of(V2017071);
        }
        return v.startsWith("2023") ? Optional.of(V2023011) : Optional.empty();
    }

    /** The version as the pharmacy directory and the API name it: {@code 2023011} or {@code 2017071}. */
    public String number() {
        return name().substring(1);
    }

    /** The envelope attributes the settings give this version. */
    public VersionAttributes attributes(ScriptSettings settings) {
        return this == V2017071 ? settings.script2017071() : settings.script2023011();
    }
}
