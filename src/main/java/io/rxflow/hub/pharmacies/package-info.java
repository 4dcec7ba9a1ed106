/**
 * The pharmacy directory: who the hub delivers to, how (HTTP or Kafka) and in which SCRIPT version,
 * re-read at run time.
 *
 * <p>May call: support.
 */
package io.rxflow.hub.pharmacies;
