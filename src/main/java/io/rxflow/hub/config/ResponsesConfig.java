package io.rxflow.hub.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rxflow.hub.responses.InboundReplies;
import io.rxflow.hub.responses.PharmacyReplies;
import io.rxflow.hub.script.ScriptXml;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reading the pharmacies' SCRIPT answers (plain Java over the SCRIPT codec). */
@Configuration(proxyBeanMethods = false)
class ResponsesConfig {

    @Bean
    PharmacyReplies pharmacyReplies(ScriptXml scriptXml) {
        return new PharmacyReplies(scriptXml);
    }

    @Bean
    InboundReplies inboundReplies(PharmacyReplies replies, ObjectMapper json) {
        return new InboundReplies(replies, json);
    }
}
