/**
 * Dispatch: owns delivery of prescriptions to pharmacies over Kafka, including the in-JVM broker
 * used on embedded defaults and in tests. May call {@code support} only.
 */
package io.rxflow.hub.dispatch;
