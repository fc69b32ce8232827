package io.certbridge.emulator.salesforce;

import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The REST and OAuth requests the emulator received, and the canned answers queued for some of them. */
final class RequestJournal {

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
    synchronized Response record(RecordedRequest request) {
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
    synchronized void answerNext(String pathPrefix, int count, Response response) {
        if (count > 0) {
            canned.add(new Canned(pathPrefix, response, count));
        }
    }

    /** The recorded requests whose decoded path starts with the prefix, in arrival order. */
    synchronized List<RecordedRequest> requests(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    synchronized void clear() {
        requests.clear();
        canned.clear();
    }
}
