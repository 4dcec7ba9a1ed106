package io.rxflow.hub.practitioners;

import io.rxflow.hub.support.ForbiddenException;
import java.util.List;
import java.util.Set;
import org.apache.camel.Header;

/**
 * Who may change the practitioner directory through the API: the API keys named by id in
 * {@code rxflow.practitioners.loader-keys}, or any key with {@code *} (embedded defaults). The directory
 * is shared: an entry one EHR loads is what another EHR's conditional reference resolves to, so in
 * production only the keys of whoever maintains it should load (or none: files only).
 */
public final class DirectoryLoaders {
    private final boolean anyKey;
    private final Set<String> keyIds;

    public DirectoryLoaders(List<String> loaderKeys) {
        this.anyKey = loaderKeys.stream().anyMatch(k -> k.strip().equals("*"));
        this.keyIds = Set.copyOf(
                loaderKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList());
    }

    /** Refuses ({@code 403}) a caller whose key may not load the directory. */
    public void require(@Header("X-RxFlow-Actor") String actor) {
        if (!anyKey && (actor == null || !keyIds.contains(actor))) {
            throw new ForbiddenException(
                    "This API key may not change the practitioner directory" + " (rxflow.practitioners.loader-keys)");
        }
    }
}
