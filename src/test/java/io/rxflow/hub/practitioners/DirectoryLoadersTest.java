package io.rxflow.hub.practitioners;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxflow.hub.support.ForbiddenException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryLoadersTest {

    @Test
    void letsOnlyTheNamedKeysLoad() {
        var loaders = new DirectoryLoaders(List.of("key-aaaaaaaaaaaa", " key-bbbbbbbbbbbb "));
        assertThatCode(() -> loaders.require("key-bbbbbbbbbbbb")).doesNotThrowAnyException();
        assertThatThrownBy(() -> loaders.require("key-cccccccccccc")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> loaders.require(null)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void letsAnyKeyLoadWithAStarAndNoneWithAnEmptyList() {
        assertThatCode(() -> new DirectoryLoaders(List.of("*")).require("key-cccccccccccc"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new DirectoryLoaders(List.of()).require("key-cccccccccccc"))
                .hasMessageContaining("rxflow.practitioners.loader-keys");
    }
}
