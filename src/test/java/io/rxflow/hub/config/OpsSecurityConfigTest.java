package io.rxflow.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** Console users: from settings with their roles; generated only for embedded defaults, never in production. */
class OpsSecurityConfigTest {
    @TempDir
    Path data;

    private final OpsSecurityConfig config = new OpsSecurityConfig();
    private final org.springframework.security.crypto.password.PasswordEncoder encoder =
            PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void refusesToStartInProductionWithoutAConsoleUser() {
        var env = new MockEnvironment();
        env.setActiveProfiles("production");
        var none = ops(new OpsProperties.User("admin", "", List.of("admin")));
        assertThatThrownBy(() -> config.opsUsers(none, new DataFolder(data), env))
                .hasMessageContaining("RXFLOW_OPS_ADMIN_PASSWORD");
        assertThat(data.resolve("ops-admin-password")).doesNotExist();
    }

    @Test
    void generatesOneAdminPasswordForTheDataFolderAndKeepsIt() throws Exception {
        var none = ops(new OpsProperties.User("admin", "", List.of("admin")));
        var first = config.opsUsers(none, new DataFolder(data), new MockEnvironment());
        String password = Files.readString(data.resolve("ops-admin-password")).strip();
        assertThat(encoder.matches(password, first.loadUserByUsername("admin").getPassword()))
                .isTrue();
        var again = config.opsUsers(none, new DataFolder(data), new MockEnvironment());
        assertThat(encoder.matches(password, again.loadUserByUsername("admin").getPassword()))
                .isTrue();
    }

    @Test
    void takesUsersWithRolesAndBcryptHashesFromSettings() {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("agent-secret");
        var users = config.opsUsers(
                ops(
                        new OpsProperties.User("ops-manager", "manager-secret", List.of("ops_manager")),
                        new OpsProperties.User("ops-agent", hash, List.of("ops_agent"))),
                new DataFolder(data),
                new MockEnvironment());
        var manager = users.loadUserByUsername("ops-manager");
        assertThat(encoder.matches("manager-secret", manager.getPassword())).isTrue();
        assertThat(manager.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ops_manager");
        assertThat(encoder.matches(
                        "agent-secret", users.loadUserByUsername("ops-agent").getPassword()))
                .isTrue();
        assertThat(users.userExists("admin"))
                .as("no generated admin beside configured users")
                .isFalse();
    }

    @Test
    void refusesAnUnknownRole() {
        var odd = ops(new OpsProperties.User("x", "secret", List.of("superuser")));
        assertThatThrownBy(() -> config.opsUsers(odd, new DataFolder(data), new MockEnvironment()))
                .hasMessageContaining("superuser");
    }

    private static OpsProperties ops(OpsProperties.User... users) {
        return new OpsProperties(
                List.of(users),
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                new OpsProperties.Tracing("", "rxflow-hub", 1.0));
    }
}
