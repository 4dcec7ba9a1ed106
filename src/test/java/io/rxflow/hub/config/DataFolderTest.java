package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {
    @TempDir
    Path dir;

    @Test
    void writesASecretWholeAndReadsItBack() throws Exception {
        var folder = new DataFolder(dir);
        String secret = folder.createSecret("idempotency-secret");
        assertThat(folder.readSecret("idempotency-secret")).contains(secret);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("idempotency-secret");
        }
    }

    @Test
    void refusesAnEmptySecretFileInsteadOfUsingIt() throws Exception {
        Files.writeString(dir.resolve("idempotency-secret"), "\n");
        assertThatThrownBy(() -> new DataFolder(dir).readSecret("idempotency-secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is empty");
    }
}
