package io.certbridge.emulator;

import io.certbridge.emulator.EmulatorServer.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The requests an emulator received, and the canned answers (faults) queued for some of them. */
public final class RequestJournal {

    private static final class Canned {
        final String pathPrefix;
        final Response response;
        int remaining;

        Canned(String pathPrefix, Response response, int remaining) {
            this.pathPrefix = pathPrefix;
            this.response = response;
            this.remaining = remaining;
        }
    }

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Canned> canned = new ArrayList<>();

    /** Records a request; returns the first canned answer queued for its path (using it up), or {@code null}. */
    public synchronized Response record(RecordedRequest request) {
        requests.add(request);
        for (Iterator<Canned> it = canned.iterator(); it.hasNext(); ) {
            Canned answer = it.next();
            if (request.path().startsWith(answer.pathPrefix)) {
                if (--answer.remaining <= 0) {
                    it.remove();
                }
                return answer.response;
            }
        }
        return null;
    }

    /** Queues {@code count} answers for requests whose decoded path starts with the prefix. */
    public synchronized void answerNext(String pathPrefix, int count, Response response) {
        if (count > 0) {
            canned.add(new Canned(pathPrefix, response, count));
        }
    }

    /** Every recorded request, in arrival order (canned answers included). */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The recorded requests whose decoded path starts with the prefix, in arrival order. */
    public synchronized List<RecordedRequest> requests(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    /** Forgets the requests and the answers still queued. */
    public synchronized void clear() {
        requests.clear();
        canned.clear();
    }
}
