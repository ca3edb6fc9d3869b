package org.smpledger.publisher;

import io.cloudevents.CloudEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Child JVM for {@link PublisherProcessKilledTest}: the publishing service on MongoDB (events and
 * token) and Kafka, as the app runs it. Once it has sent {@code hangAfterSends} records, it flushes
 * them to Kafka, prints "HANGING n" and blocks its processor thread while still handling that
 * record, so that batch cannot complete and its token is not stored: the parent's kill lands in the
 * middle of a batch that Kafka has partly acknowledged.
 * <p>
 * Arguments: mongoUri database bootstrapServers treatmentTopic lotTopic batchSize hangAfterSends clinicPolicyTopic
 */
public final class PublishingProcess {

    public static void main(String[] args) throws InterruptedException {
        MongoStorage storage = MongoStorage.on(args[0], args[1]);
        PublisherSettings settings = PublisherSettings.defaults(args[2])
                .withTopics(new TopicNames(args[3], args[4], args[7]))
                .withPartitions(3)
                .withBatchSize(Integer.parseInt(args[5]));
        int hangAfter = Integer.parseInt(args[6]);
        AtomicInteger sends = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        PublishingService.start(
                storage.engine(), storage.tokens(), settings, config -> new KafkaProducer<String, CloudEvent>(config) {
                    @Override
                    public Future<RecordMetadata> send(ProducerRecord<String, CloudEvent> record, Callback callback) {
                        Future<RecordMetadata> sent = super.send(record, callback);
                        if (sends.incrementAndGet() == hangAfter) {
                            flush();
                            System.out.println("HANGING " + hangAfter);
                            System.out.flush();
                            try {
                                never.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return sent;
                    }
                });
        System.out.println("STARTED");
        System.out.flush();
        never.await();
    }
}
