package io.rxflow.hub.config;

import io.rxflow.hub.drugs.DrugResolver;
import io.rxflow.hub.mapping.DrugTable;
import io.rxflow.hub.mapping.NewRxMapper;
import io.rxflow.hub.mapping.ScriptSchemas;
import io.rxflow.hub.mapping.ScriptSettings;
import io.rxflow.hub.mapping.ScriptStylesheets;
import io.rxflow.hub.mapping.ScriptXml;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SCRIPT side: settings, schemas (compiled once), the NewRx mapper and the version converter. */
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

    @Bean
    ScriptXml scriptXml(ScriptSchemas schemas) {
        return new ScriptXml(schemas);
    }

    @Bean
    NewRxMapper newRxMapper(ScriptSettings settings, DrugTable drugs, DrugResolver resolver) {
        return new NewRxMapper(settings, drugs, resolver);
    }

    /** Saxon-HE for the camel-xslt endpoints: located compile errors, xsl:message kept per thread. */
    @Bean
    ScriptStylesheets scriptTransformerFactory() {
        return new ScriptStylesheets();
    }
}
