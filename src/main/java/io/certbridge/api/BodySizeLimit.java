package io.certbridge.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413: at once when Content-Length says so, and while
 * reading when the body is chunked. Batch creation (from JSON or a CSV file) has a larger limit of its own, and so
 * have the paths that take a file (the vault's uploads, a file checked against a certificate's original).
 */
@Component
@Order(3)
public class BodySizeLimit extends OncePerRequestFilter {

    private static final Pattern DOCUMENT_UPLOADS =
            Pattern.compile("/v1/vault|/v1/vault/files|/v1/verify/[^/]+/file|/verify/[^/]+/file"
                    + "|/v1/certifications/[^/]+/verify");

    private final ProblemResponses problems;
    private final long maxBytes;
    private final long maxBatchBytes;
    private final long maxWebhookBytes;
    private final long maxDocumentBytes;

    public BodySizeLimit(ProblemResponses problems, ApiSettings settings) {
        this.problems = problems;
        this.maxBytes = settings.maxBodyBytes();
        this.maxBatchBytes = settings.maxBatchBodyBytes();
        this.maxWebhookBytes = settings.maxWebhookBodyBytes();
        this.maxDocumentBytes = settings.maxDocumentBodyBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        // a webhook event travels as one Kafka message, which must stay well below Kafka's 1 MB limit
        long limit = path.endsWith("/certificates/batch") || path.equals("/v1/vault/batches")
                || path.startsWith("/v1/batches/csv") ? maxBatchBytes
                : path.startsWith("/hooks/") ? maxWebhookBytes
                : DOCUMENT_UPLOADS.matcher(path).matches() ? maxDocumentBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, tooLarge(limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static ApiProblem tooLarge(long limit) {
        return new ApiProblem(413, "payload_too_large", "Payload too large",
                "The body is larger than " + limit + " bytes");
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
