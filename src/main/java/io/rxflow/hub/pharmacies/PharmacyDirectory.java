package io.rxflow.hub.pharmacies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;

/**
 * The pharmacy directory, read from a YAML file ({@code config/pharmacies.yaml} by default) with
 * {@code ${...}} placeholders resolved from the environment (credentials, the hub's own port).
 * Reloading re-reads the file; a file that does not read or check leaves the directory as it was.
 */
public final class PharmacyDirectory {
    private static final Pattern NCPDP_ID = Pattern.compile("[0-9]{7}");
    private static final Set<String> VERSIONS = Set.of("2023011", "2017071");

    private final Resource file;
    private final ConfigurableEnvironment environment;
    private final boolean requireInboundCredential;
    private volatile Map<String, Pharmacy> pharmacies = Map.of();

    public PharmacyDirectory(Resource file, ConfigurableEnvironment environment) {
        this(file, environment, false);
    }

    /**
     * {@code requireInboundCredential} (the production profile): a pharmacy without a usable inbound
     * credential (missing, blank or an unresolved placeholder) makes the file refused.
     */
    public PharmacyDirectory(Resource file, ConfigurableEnvironment environment, boolean requireInboundCredential) {
        this.file = file;
        this.environment = environment;
        this.requireInboundCredential = requireInboundCredential;
    }

    /** Reads the file again and returns the new directory; the old one stays if the file is wrong. */
    public synchronized Map<String, Pharmacy> reload() {
        Map<String, Pharmacy> loaded = new LinkedHashMap<>();
        for (Pharmacy p : read()) {
            check(p);
            if (loaded.putIfAbsent(p.ncpdpId(), p) != null) {
                throw new IllegalArgumentException(
                        file.getDescription() + ": NCPDP ID " + p.ncpdpId() + " appears twice");
            }
        }
        pharmacies = java.util.Collections.unmodifiableMap(loaded);
        return pharmacies;
    }

    public Optional<Pharmacy> find(String ncpdpId) {
        return Optional.ofNullable(pharmacies.get(ncpdpId));
    }

    public List<Pharmacy> all() {
        return new ArrayList<>(pharmacies.values());
    }

    private List<Pharmacy> read() {
        try {
            var sources = new YamlPropertySourceLoader().load(file.getDescription(), file);
            var binder = new Binder(
                    ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(environment));
            return binder.bind("pharmacies", Bindable.listOf(Pharmacy.class)).orElse(List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pharmacy directory " + file.getDescription(), e);
        }
    }

    private void check(Pharmacy p) {
        String where = file.getDescription() + ": pharmacy " + p.ncpdpId();
        if (p.ncpdpId() == null || !NCPDP_ID.matcher(p.ncpdpId()).matches()) {
            throw new IllegalArgumentException(where + ": ncpdp-id must be 7 digits");
        }
        if (!VERSIONS.contains(p.scriptVersion())) {
            throw new IllegalArgumentException(where + ": script-version must be 2023011 or 2017071");
        }
        if (requireInboundCredential && !Credentials.usable(p)) {
            throw new IllegalArgumentException(where + ": inbound.credential-sha256 (or inbound.credential from the"
                    + " environment) is missing, blank or an unresolved placeholder");
        }
        if (requireInboundCredential && Credentials.isDemo(p)) {
            throw new IllegalArgumentException(where + ": inbound credential is the demo default (simulator-"
                    + p.ncpdpId() + ", known to anyone who reads config/pharmacies.yaml): set the pharmacy's own");
        }
        if (p.delivery() == null) {
            throw new IllegalArgumentException(where + ": delivery is missing");
        }
        if (p.http() ? isBlank(p.delivery().url()) : isBlank(p.delivery().topic())) {
            throw new IllegalArgumentException(where + ": delivery needs " + (p.http() ? "a url" : "a topic"));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
