package io.certbridge.emulator.vec;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The platform's background processing: a certificate in {@code processing} becomes {@code approved} (verified
 * PDF ready) or {@code failed} after the processing time, and each step is announced by webhook. Processing fails
 * when the upload cannot be read as its type, or when a test asked for failures. Store changes happen under
 * {@code lock} (the emulator, which serves requests under the same monitor).
 */
final class VaultProcessing implements AutoCloseable {

    private final Object lock;
    private final VaultStore store;
    private final WebhookSender webhooks;
    private final ScheduledExecutorService worker = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "vec-processing");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Duration time = Duration.ofSeconds(2);
    private int failuresToMake;

    VaultProcessing(Object lock, VaultStore store, WebhookSender webhooks) {
        this.lock = lock;
        this.store = store;
        this.webhooks = webhooks;
    }

    void time(Duration processingTime) {
        time = processingTime;
    }

    void failNext(int count) {
        synchronized (lock) {
            failuresToMake = count;
        }
    }

    void clear() {
        failNext(0);
    }

    /** Announces the certificate (now {@code processing}) with {@code event} and schedules the end of processing. */
    void begin(VaultCertificate certificate, String event) {
        webhooks.publish(event, certificate);
        worker.schedule(() -> finish(certificate), time.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void finish(VaultCertificate started) {
        boolean readable = VerifiedPdf.readable(started.file());
        VaultCertificate finished;
        synchronized (lock) {
            VaultCertificate current = store.get(started.uuid());
            if (current == null || !current.status().equals("processing")) {
                return;
            }
            boolean fail = !readable || failuresToMake > 0;
            if (readable && fail) {
                failuresToMake--;
            }
            finished = current.withStatus(fail ? "failed" : "approved", Instant.now());
            store.put(finished);
        }
        webhooks.publish("certificate_application." + finished.status(), finished);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
