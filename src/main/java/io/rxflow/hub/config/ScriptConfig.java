package io.rxflow.hub.config;

import io.rxflow.hub.script.ScriptSchemas;
import io.rxflow.hub.script.ScriptSettings;
import io.rxflow.hub.script.ScriptStylesheets;
import io.rxflow.hub.script.ScriptUpgrade;
import io.rxflow.hub.script.ScriptXml;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SCRIPT codec: settings, schemas (compiled once), marshalling and the stylesheet factory. */
@Configuration(proxyBeanMethods = false)
class ScriptConfig {

    @Bean
    ScriptSettings scriptSettings(HubProperties props) {
        var s = props.script();
        var defaults = ScriptSettings.defaults(s.senderId());
        return new ScriptSettings(
                s.senderId(),
                s.senderQualifier(),
                defaults.softwareDeveloper(),
                defaults.softwareProduct(),
                defaults.softwareVersion(),
                defaults.script2023011(),
                defaults.script2017071(),
                s.stateLicenseSystem().isBlank() ? null : s.stateLicenseSystem(),
                s.structuredSig());
    }

    @Bean
    ScriptSchemas scriptSchemas(HubProperties props) {
        String dir = props.script().officialSchemaDir();
        return ScriptSchemas.load(dir.isBlank() ? null : Path.of(dir));
    }

    /** Received SCRIPT 2017071 to 2023011: a NewRx on intake, a pharmacy's follow-up (xslt/script-2017071-to-2023011.xsl, compiled once). */
    @Bean
    ScriptUpgrade scriptUpgrade(ScriptSettings settings) {
        return new ScriptUpgrade(settings);
    }

    @Bean
    ScriptXml scriptXml(ScriptSchemas schemas) {
        return new ScriptXml(schemas);
    }

    /** camel-jaxb for the NewRx (routes/rx-script.camel.yaml, {@code custom: newRx2023011Jaxb}). */
    @Bean
    ScriptJaxbDataFormat newRx2023011Jaxb() {
        return ScriptJaxbDataFormat.hub2023011();
    }

    /** Saxon-HE for the camel-xslt endpoints: located compile errors, xsl:message kept per thread. */
    @Bean
    ScriptStylesheets scriptTransformerFactory() {
        return new ScriptStylesheets();
    }
}
