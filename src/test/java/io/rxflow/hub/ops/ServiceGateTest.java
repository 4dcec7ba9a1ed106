package io.rxflow.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ServiceGateTest {

    @Test
    void answers503WithRetryAfterAndAnOperationOutcomeUntilTheRoutesHaveStarted() throws Exception {
        var response = call(new ServiceGate(() -> false, () -> true));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/fhir+json");
        assertThat(response.getContentAsString())
                .contains("\"resourceType\":\"OperationOutcome\"")
                .contains("\"code\":\"transient\"")
                .contains("starting");
    }

    @Test
    void answers503WhileTheDatabaseIsUnreachable() throws Exception {
        var response = call(new ServiceGate(() -> true, () -> false));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("database is unreachable");
    }

    @Test
    void letsCallsThroughOnceReady() throws Exception {
        var chain = new MockFilterChain();
        var response = new MockHttpServletResponse();
        new ServiceGate(() -> true, () -> true)
                .doFilter(new MockHttpServletRequest("POST", "/api/v1/prescriptions"), response, chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private static MockHttpServletResponse call(ServiceGate gate) throws Exception {
        var chain = new MockFilterChain();
        var response = new MockHttpServletResponse();
        gate.doFilter(new MockHttpServletRequest("POST", "/api/v1/prescriptions"), response, chain);
        assertThat(chain.getRequest()).as("the call goes no further").isNull();
        return response;
    }
}
