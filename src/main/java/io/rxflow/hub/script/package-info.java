/**
 * The SCRIPT codec: the hub's own 2023011 and 2017071 schemas (src/main/resources/script/) and the
 * JAXB model generated from them ({@code io.rxflow.hub.script.model}), schema validation (with the
 * operator's licensed schemas when configured), hardened marshalling, the envelope settings, and the
 * Saxon factory behind the 2023011 to 2017071 stylesheet. Plain Java: no Camel, no Spring.
 *
 * <p>May call: support.
 */
package io.rxflow.hub.script;
