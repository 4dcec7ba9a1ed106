package io.rxflow.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The out-of-process simulator speaks the same HTTP as the built-in one. */
class StandaloneSimulatorTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private StandaloneSimulator standalone;
    private String base;

    @BeforeEach
    void start() throws Exception {
        standalone = new StandaloneSimulator(SimulatorFixtures.simulator(), "127.0.0.1", 0, 2);
        base = "http://127.0.0.1:" + standalone.port() + "/simulator/pharmacies/" + SimulatorFixtures.PHARMACY;
    }

    @AfterEach
    void stop() {
        standalone.close();
    }

    @Test
    void answersANewRxWithStatusAndCountsIt() throws Exception {
        String messageId = "0123456789abcdef0123456789abcdef";
        var answer = post("/script", SimulatorFixtures.newRx(messageId));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(answer.body()).contains("<Status>").contains("<RelatesToMessageID>" + messageId);

        post("/script", SimulatorFixtures.newRx(messageId));
        var received = http.send(
                HttpRequest.newBuilder(URI.create(base + "/received")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(received.body()).contains("\"count\":1").contains(messageId).contains("\"duplicates\":1");
    }

    @Test
    void answersAnInvalidNewRxWithAScriptError() throws Exception {
        var answer = post("/script", "<Message");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("<Error>").contains("<Code>900</Code>");
    }

    @Test
    void goesDownOnRequest() throws Exception {
        var mode = http.send(
                HttpRequest.newBuilder(URI.create(base + "/mode"))
                        .PUT(HttpRequest.BodyPublishers.ofString("down"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(mode.statusCode()).isEqualTo(204);
        assertThat(post("/script", SimulatorFixtures.newRx("0123456789abcdef0123456789abcdee"))
                        .statusCode())
                .isEqualTo(503);
    }

    @Test
    void refusesUnknownPathsAndNcpdpIds() throws Exception {
        var bad = http.send(
                HttpRequest.newBuilder(URI.create(base.replace(SimulatorFixtures.PHARMACY, "12") + "/received"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> post(String path, String xml) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofString(xml))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
