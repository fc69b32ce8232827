package io.certbridge.issuers.vec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs the per-certificate work of a call or a look at VEC.digital (rendering and uploading a bulk request's files,
 * downloading the verified PDFs of what the list showed approved) a few at a time: each waits for its place of the
 * account's limit anyway, and one at a time would leave the limit unused while a PDF renders or downloads.
 */
final class VaultParallel {

    static final int AT_ONCE = 8;

    interface Work<T, R> {
        R apply(T item) throws Exception;
    }

    private VaultParallel() {
    }

    /** The results in the order of {@code items}; the first failure is thrown once all have ended. */
    static <T, R> List<R> map(List<T> items, Work<T, R> work) throws Exception {
        Semaphore places = new Semaphore(AT_ONCE);
        List<Future<R>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                futures.add(threads.submit(() -> {
                    places.acquire();
                    try {
                        return work.apply(item);
                    } finally {
                        places.release();
                    }
                }));
            }
        }
        List<R> results = new ArrayList<>();
        Exception first = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException failed) {
                if (first == null) {
                    first = failed.getCause() instanceof Exception e ? e : new IllegalStateException(failed.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }
}
