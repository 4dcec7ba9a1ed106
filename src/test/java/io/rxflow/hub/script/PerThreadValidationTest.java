package io.rxflow.hub.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxflow.hub.mapping.MappingFixtures;
import java.util.concurrent.CompletableFuture;
import javax.xml.validation.ValidatorHandler;
import org.junit.jupiter.api.Test;

/** One schema validator per thread: kept for the thread, another for another thread, a new one after discard. */
class PerThreadValidationTest {
    @Test
    void eachThreadHasItsOwnHandlerAndKeepsIt() throws Exception {
        var schema = new PerThreadValidation(MappingFixtures.SCHEMAS.hub2023011());

        ValidatorHandler here = schema.newValidatorHandler();
        ValidatorHandler elsewhere =
                CompletableFuture.supplyAsync(schema::newValidatorHandler).get();

        assertThat(schema.newValidatorHandler()).isSameAs(here);
        assertThat(elsewhere).isNotSameAs(here);
        schema.discard();
        assertThat(schema.newValidatorHandler()).isNotSameAs(here);
    }
}
