package io.certbridge.truescreen;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.backbone.CertificateEvents;
import io.certbridge.issuers.IssuerCalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What TrueScreen tells of a certification, by callback or when asked: completed (its artifacts are downloaded at
 * once, their URLs living 60 s, and kept) or failed (TS-014, kept and announced in TrueScreen's words). A
 * certification whose creation answer was lost is known by its title, which names the certificate: it is adopted.
 * Being told twice does nothing more.
 */
@Component
class CertificationResults {

    private static final Logger log = LoggerFactory.getLogger(CertificationResults.class);

    private final Certifications certifications;
    private final IssuerCalls calls;
    private final TrueScreenApi api;
    private final CertificateEvents events;

    CertificationResults(Certifications certifications, IssuerCalls calls, TrueScreenApi api,
                         CertificateEvents events) {
        this.certifications = certifications;
        this.calls = calls;
        this.api = api;
        this.events = events;
    }

    /**
     * A certification as {@code GET /v1/certifications/{reportId}} shows it; false when its artifacts could not all be
     * downloaded (it stays pending, and is asked about again for fresh URLs). One the hub did not ask for is ignored.
     */
    boolean seen(String account, JsonNode certification) {
        Optional<Certifications.Row> row = known(account, certification.path("report_id").asText(),
                certification.path("title").asText());
        if (row.isEmpty() || !"completed".equals(certification.path("status").asText())
                || !"pending".equals(row.get().status())) {
            return true;
        }
        List<TrueScreenApi.Download> downloads = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (JsonNode file : certification.path("files")) {
            TrueScreenApi.Download download = api.download(file.path("url").asText());
            if (download.status() != 200) {
                log.warn("TrueScreen certification {}: its {} could not be downloaded (HTTP {}); asked for again",
                        row.get().reportId(), file.path("type").asText(), download.status());
                return false;
            }
            downloads.add(download);
            types.add(file.path("type").asText());
        }
        certifications.completed(row.get().reportId(), downloads, types);
        return true;
    }

    /** TrueScreen's processing failed after creation ({@code problem}: TS-014), for the certification of reportId. */
    void failed(String account, String reportId, int status, JsonNode problem) {
        Optional<Certifications.Row> row = known(account, reportId, null);
        String words = TrueScreenAnswer.words(status, problem);
        if (row.isEmpty() || !certifications.failed(reportId, words)) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("certificate_id", row.get().certificateId());
        data.put("account", account);
        data.put("report_id", reportId);
        data.put("error", words);
        events.announce("truescreen.certification_failed", row.get().certificateId(), data);
        log.error("TrueScreen could not certify certificate {} (report {}): {}", row.get().certificateId(), reportId,
                words);
    }

    /** The certification, adopting it when its creation answer was lost and its title names the certificate. */
    private Optional<Certifications.Row> known(String account, String reportId, String title) {
        Optional<Certifications.Row> row = certifications.ofReport(reportId);
        if (row.isPresent() || title == null || !title.startsWith(CertificationRequest.TITLE)) {
            return row;
        }
        String certificateId = title.substring(CertificationRequest.TITLE.length()).strip();
        String caller = CertificationRequest.caller(account);
        List<IssuerCalls.Call> uncertain = calls.uncertain(caller, List.of(certificateId));
        if (uncertain.isEmpty()) {
            log.warn("TrueScreen account {} told of certification {} ({}), which the hub did not ask for", account,
                    reportId, title);
            return Optional.empty();
        }
        certifications.created(certificateId, account, uncertain.getLast().operation(), reportId);
        calls.settled(caller, List.of(certificateId));
        log.info("TrueScreen certification {} of certificate {} adopted: the answer to its request was lost",
                reportId, certificateId);
        return certifications.ofReport(reportId);
    }
}
