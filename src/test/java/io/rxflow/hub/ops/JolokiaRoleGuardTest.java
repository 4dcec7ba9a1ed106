package io.rxflow.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

class JolokiaRoleGuardTest {
    private final JolokiaRoleGuard guard =
            new JolokiaRoleGuard(List.of("/actuator/jolokia", "/actuator/hawtio/jolokia"));

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void letsAnAgentReadListSearchAndAskTheVersion() throws Exception {
        signIn("ROLE_ops_agent");
        for (String path :
                List.of("/read/java.lang:type=Memory", "/list", "/search/org.apache.camel:*", "/version", "")) {
            assertThat(get("/actuator/jolokia" + path)).as(path).isTrue();
        }
        assertThat(post("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"}"))
                .isTrue();
        assertThat(post("[{\"type\":\"search\",\"mbean\":\"*:*\"},{\"type\":\"list\"}]"))
                .isTrue();
    }

    @Test
    void refusesAnAgentWriteAndExecInEveryForm() throws Exception {
        signIn("ROLE_ops_manager");
        assertThat(get("/actuator/jolokia/exec/org.apache.camel:type=routes,name=x/stop"))
                .isFalse();
        assertThat(get("/actuator/hawtio/jolokia/write/java.lang:type=Memory/Verbose/true"))
                .isFalse();
        assertThat(post("{\"type\":\"exec\",\"mbean\":\"x:y=z\",\"operation\":\"stop\"}"))
                .isFalse();
        assertThat(post("[{\"type\":\"read\"},{\"type\":\"EXEC\"}]")).isFalse();
        assertThat(post("not json")).isFalse();
    }

    @Test
    void letsAdminExecute() throws Exception {
        signIn("ROLE_admin");
        assertThat(get("/actuator/jolokia/exec/java.lang:type=Memory/gc")).isTrue();
        assertThat(post("{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}"))
                .isTrue();
    }

    private boolean get(String uri) throws Exception {
        return passes(new MockHttpServletRequest("GET", uri));
    }

    private boolean post(String body) throws Exception {
        var request = new MockHttpServletRequest("POST", "/actuator/jolokia");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return passes(request);
    }

    private boolean passes(MockHttpServletRequest request) throws Exception {
        var chain = new MockFilterChain();
        var response = new MockHttpServletResponse();
        guard.doFilter(request, response, chain);
        if (chain.getRequest() == null) {
            assertThat(response.getStatus()).isEqualTo(403);
            return false;
        }
        return true;
    }

    private static void signIn(String authority) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "someone", "n/a", AuthorityUtils.createAuthorityList(authority)));
    }
}
