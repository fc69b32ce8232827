package io.certbridge.backbone;

import java.util.List;
import java.util.function.Consumer;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Waits out database outages (and the hub's own {@link Outage}s) for the flows that consume Kafka: they must not move
 * past records they could not store, so they retry until the database is back (or the hub stops, and the poll is
 * replayed).
 */
public final class DatabaseOutages {

    private DatabaseOutages() {
    }

    /**
     * Runs {@code work} until it passes, with back-off while the database is unavailable or the hub is in an
     * {@link Outage}; other failures are thrown.
     */
    public static void retry(Runnable work) throws InterruptedException {
        Outages.waitOut("The hub", Outage.class::isInstance,
                () -> Outages.waitOut("The database", DatabaseOutages::isOutage, work::run));
    }

    /** What to do with the one item whose work fails for a reason of its own. */
    public interface FailedItem<T> {
        void handle(T item, RuntimeException failure) throws InterruptedException;
    }

    /**
     * Runs {@code work} on all {@code items} at once, waiting out outages. If it fails for another reason,
     * runs it on each item alone, so that one bad item holds back no other; an item that fails alone goes
     * to {@code failed}.
     */
    public static <T> void retryIsolating(List<T> items, Consumer<List<T>> work, FailedItem<T> failed)
            throws InterruptedException {
        if (items.isEmpty()) {
            return;
        }
        try {
            retry(() -> work.accept(items));
        } catch (RuntimeException e) {
            if (items.size() == 1) {
                failed.handle(items.getFirst(), e);
                return;
            }
            for (T item : items) {
                retryIsolating(List.of(item), work, failed);
            }
        }
    }

    private static boolean isOutage(RuntimeException e) {
        return e instanceof TransientDataAccessException || e instanceof RecoverableDataAccessException
                || e instanceof DataAccessResourceFailureException || e instanceof TransactionException;
    }
}
