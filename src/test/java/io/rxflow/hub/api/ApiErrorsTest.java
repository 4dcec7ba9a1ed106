package io.rxflow.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class ApiErrorsTest {

    @Test
    void recognisesADatabaseThatIsNotThereAnywhereInTheCauseChain() {
        assertThat(ApiErrors.databaseUnavailable(new CannotCreateTransactionException(
                        "no connection", new SQLTransientConnectionException("pool timed out"))))
                .isTrue();
        assertThat(ApiErrors.databaseUnavailable(
                        new RuntimeCamelException(new DataAccessResourceFailureException("I/O error"))))
                .isTrue();
        assertThat(ApiErrors.databaseUnavailable(new TransactionSystemException("JDBC rollback failed")))
                .isTrue();
        assertThat(ApiErrors.databaseUnavailable(
                        new RuntimeCamelException(new SQLException("terminating connection", "57P01"))))
                .isTrue();
        assertThat(ApiErrors.databaseUnavailable(new SQLException("connection failure", "08006")))
                .isTrue();
    }

    @Test
    void leavesOtherFailuresToThe500Answer() {
        assertThat(ApiErrors.databaseUnavailable(new IllegalStateException("bug")))
                .isFalse();
        assertThat(ApiErrors.databaseUnavailable(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(ApiErrors.databaseUnavailable(new SQLException("syntax error", "42601")))
                .isFalse();
        assertThat(ApiErrors.databaseUnavailable(null)).isFalse();
    }
}
