package io.rxflow.hub.config;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The hub's single-node KRaft broker in a process of its own, from the same Kafka jars, so a benchmark
 * can charge the broker's CPU apart from the hub's ({@code bench/run.sh --broker-process}). Started
 * from the hub's jar:
 *
 * <pre>java -Dloader.main=io.rxflow.hub.config.StandaloneKafkaBroker -cp target/rxflow-hub.jar \
 *     org.springframework.boot.loader.launch.PropertiesLauncher data-dir port [partitions]</pre>
 */
public final class StandaloneKafkaBroker {
    private StandaloneKafkaBroker() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: StandaloneKafkaBroker data-dir port [partitions]");
            System.exit(2);
        }
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : EmbeddedKafkaBroker.DEFAULT_PARTITIONS;
        var broker = new EmbeddedKafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]), partitions);
        System.out.println("Kafka broker ready on " + broker.start());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        new CountDownLatch(1).await();
    }
}
