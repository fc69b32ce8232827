package io.certbridge.emulator.vec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The API's JSON: vault certificate resources, Laravel's paginated collections, and message bodies. */
final class VaultJson {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** status value: label, color, icon, description. */
    private static final Map<String, List<String>> STATUSES = Map.of(
            "processing", List.of("Processing", "warning", "heroicon-o-arrow-path", "Certificate is being processed"),
            "approved", List.of("Approved", "success", "heroicon-o-check-circle", "Certificate has been successfully generated"),
            "failed", List.of("Failed", "danger", "heroicon-o-x-circle", "Certificate processing failed"),
            "revoked", List.of("Revoked", "gray", "heroicon-o-no-symbol", "Certificate has been revoked"));

    private VaultJson() {
    }

    static Response message(int status, String message) {
        ObjectNode body = JSON.objectNode().put("message", message);
        return Response.json(status, body);
    }

    /** A 422 whose {@code errors} is a list of "Entry i: …" lines, as the bulk endpoint answers. */
    static Response entryErrors(String message, List<String> errors) {
        ObjectNode body = JSON.objectNode().put("message", message);
        errors.forEach(body.putArray("errors")::add);
        return Response.json(422, body);
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    /** The fields of the upload answer and of each list item. */
    static ObjectNode summary(VaultCertificate c) {
        ObjectNode node = JSON.objectNode()
                .put("id", c.id())
                .put("uuid", c.uuid())
                .put("reference_id", c.referenceId())
                .put("certificate_title", c.certificateTitle())
                .put("full_name", c.fullName())
                .put("applicant_email", c.applicantEmail());
        node.putObject("source").put("value", "vault").put("label", "Vault");
        List<String> status = STATUSES.get(c.status());
        node.putObject("status").put("value", c.status()).put("label", status.get(0)).put("color", status.get(1))
                .put("icon", status.get(2)).put("description", status.get(3));
        node.put("issue_date", c.issueDate().toString())
                .put("created_at", timestamp(c.createdAt()))
                .put("updated_at", timestamp(c.updatedAt()));
        return node;
    }

    /** The view and retry answers' fields: the summary, details, institution and the verified PDF's link. */
    static ObjectNode detail(VaultCertificate c, String baseUrl, String institution) {
        ObjectNode node = summary(c).put("details", c.details()).put("applicant_phone_number", (String) null);
        String storage = baseUrl + "/storage/verification_applications/" + c.uuid();
        boolean verified = c.verifiedAt() != null;
        node.put("qrcode_path", (String) null)
                .put("barcode_path", (String) null)
                .put("institution_name", institution)
                .put("verified_at", timestamp(c.verifiedAt()))
                .put("assigned_at", (String) null);
        ArrayNode documents = node.putArray("documents");
        if (verified) {
            documents.addObject().put("id", c.id()).put("type", "verified_pdf")
                    .put("file_path", storage + "/verified_certificate.pdf");
        }
        return node;
    }

    /**
     * A Laravel resource collection page: {@code data}, {@code links{first,last,prev,next}} and
     * {@code meta{current_page,from,last_page,path,per_page,to,total}}. Page links keep the other query parameters.
     */
    static ObjectNode page(List<ObjectNode> all, int page, int perPage, String path, Map<String, String> query) {
        int total = all.size();
        int lastPage = Math.max(1, (total + perPage - 1) / perPage);
        int from = (page - 1) * perPage;
        List<ObjectNode> items = from >= total ? List.of() : all.subList(from, Math.min(total, from + perPage));
        ObjectNode body = JSON.objectNode();
        items.forEach(body.putArray("data")::add);
        ObjectNode links = body.putObject("links");
        links.put("first", pageUrl(path, query, 1)).put("last", pageUrl(path, query, lastPage))
                .put("prev", page > 1 ? pageUrl(path, query, page - 1) : null)
                .put("next", page < lastPage ? pageUrl(path, query, page + 1) : null);
        ObjectNode meta = body.putObject("meta").put("current_page", page);
        meta.put("from", items.isEmpty() ? null : from + 1).put("last_page", lastPage).put("path", path)
                .put("per_page", perPage).put("to", items.isEmpty() ? null : from + items.size()).put("total", total);
        return body;
    }

    private static String pageUrl(String path, Map<String, String> query, int page) {
        StringBuilder url = new StringBuilder(path).append('?');
        query.forEach((name, value) -> {
            if (!name.equals("page")) {
                url.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        });
        return url.append("page=").append(page).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
