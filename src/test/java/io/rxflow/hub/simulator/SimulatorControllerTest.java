package io.rxflow.hub.simulator;

import static io.rxflow.hub.simulator.SimulatorFixtures.NEWRX_ID;
import static io.rxflow.hub.simulator.SimulatorFixtures.PHARMACY;
import static io.rxflow.hub.simulator.SimulatorFixtures.newRx;
import static io.rxflow.hub.simulator.SimulatorFixtures.simulator;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.xpath;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The HTTP contract of the simulator; MockMvc suffices because the simulator is the remote party. */
class SimulatorControllerTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new SimulatorController(
                    simulator(),
                    new org.springframework.beans.factory.support.StaticListableBeanFactory()
                            .getBeanProvider(io.rxflow.hub.simulator.SimulatedConversation.class)))
            .build();

    @Test
    void answersANewRxWithAStatusInXml() throws Exception {
        mvc.perform(script(PHARMACY, newRx(NEWRX_ID)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_XML))
                .andExpect(xpath("/Message/Body/Status/Code").string("000"))
                .andExpect(xpath("/Message/Header/RelatesToMessageID").string(NEWRX_ID));
    }

    @Test
    void answersMalformedXmlWith400AndAScriptError() throws Exception {
        mvc.perform(script(PHARMACY, "<Message"))
                .andExpect(status().isBadRequest())
                .andExpect(xpath("/Message/Body/Error/Code").string("900"));
    }

    @Test
    void takesAPharmacyDownAndBringsItBack() throws Exception {
        mvc.perform(put("/simulator/pharmacies/{id}/mode", PHARMACY).content("down"))
                .andExpect(status().isNoContent());
        mvc.perform(script(PHARMACY, newRx(NEWRX_ID))).andExpect(status().isServiceUnavailable());

        mvc.perform(put("/simulator/pharmacies/{id}/mode", PHARMACY).content("up"));
        mvc.perform(script(PHARMACY, newRx(NEWRX_ID))).andExpect(status().isOk());
    }

    @Test
    void refusesAnUnknownMode() throws Exception {
        mvc.perform(put("/simulator/pharmacies/{id}/mode", PHARMACY).content("sideways"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void reportsAndResetsWhatWasReceived() throws Exception {
        mvc.perform(script(PHARMACY, newRx(NEWRX_ID)));
        mvc.perform(script(PHARMACY, newRx(NEWRX_ID)));

        mvc.perform(get("/simulator/pharmacies/{id}/received", PHARMACY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.message_ids[0]").value(NEWRX_ID))
                .andExpect(jsonPath("$.duplicates").value(1));

        mvc.perform(delete("/simulator/pharmacies/{id}/received", PHARMACY)).andExpect(status().isNoContent());
        mvc.perform(get("/simulator/pharmacies/{id}/received", PHARMACY))
                .andExpect(jsonPath("$.count").value(0));
    }

    @Test
    void answers404ForAnIdThatIsNotAnNcpdpId() throws Exception {
        mvc.perform(get("/simulator/pharmacies/{id}/received", "abc")).andExpect(status().isNotFound());
    }

    private static org.springframework.test.web.servlet.RequestBuilder script(String ncpdpId, String xml) {
        return post("/simulator/pharmacies/{id}/script", ncpdpId)
                .contentType(MediaType.APPLICATION_XML)
                .content(xml);
    }
}
