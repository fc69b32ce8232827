package io.certbridge.emulator.vec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.vec.VaultCertificate.StoredFile;
import io.certbridge.emulator.vec.VaultStore.Entry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Business API's endpoints for an authenticated token; called under the emulator's monitor. */
final class VaultApi {

    static final String VAULT = "/business/certificate-vault";
    static final String DUPLICATE = "A vault certificate with this email, title, and issue date already exists";
    static final String INSTITUTION = "Certbridge Emulated Institution";
    private static final Pattern ONE = Pattern.compile(VAULT + "/([^/]+)(/download|/retry)?");
    private static final Pattern ENTRY_FIELD = Pattern.compile("entries\\[(\\d+)]\\[(\\w+)]");
    private static final Set<String> STATUSES = Set.of("pending", "processing", "approved", "generated", "failed", "revoked");

    private final VaultStore store;
    private final VecTokens tokens;
    private final VaultProcessing processing;
    private final Supplier<String> baseUrl;
    private int duplicatesRefused;

    VaultApi(VaultStore store, VecTokens tokens, VaultProcessing processing, Supplier<String> baseUrl) {
        this.store = store;
        this.tokens = tokens;
        this.processing = processing;
        this.baseUrl = baseUrl;
    }

    Response handle(RecordedRequest request, String token) {
        String path = request.path();
        boolean get = request.method().equals("GET");
        boolean post = request.method().equals("POST");
        Matcher one = ONE.matcher(path);
        if (path.equals("/business/certificate-templates") && get) {
            return templates(request);
        } else if (path.equals(VAULT) && (get || post)) {
            return permitted(token, get ? "list" : "create", () -> get ? list(request) : uploadOne(request));
        } else if (path.equals(VAULT + "/upload-file") && post) {
            return permitted(token, "create", () -> uploadFile(request));
        } else if (path.equals(VAULT + "/bulk") && post) {
            return permitted(token, "create", () -> bulk(request));
        } else if (one.matches() && one.group(2) == null && get) {
            return permitted(token, "view", () -> withCertificate(one.group(1), this::show));
        } else if (one.matches() && "/download".equals(one.group(2)) && get) {
            return permitted(token, "download", () -> withCertificate(one.group(1), this::download));
        } else if (one.matches() && "/retry".equals(one.group(2)) && post) {
            return permitted(token, "update", () -> withCertificate(one.group(1), this::retry));
        }
        return VaultJson.message(404, "The route " + path.substring(1) + " could not be found.");
    }

    int duplicatesRefused() {
        return duplicatesRefused;
    }

    void clear() {
        duplicatesRefused = 0;
    }

    private Response permitted(String token, String permission, Supplier<Response> action) {
        Response denied = tokens.deny(token, "certificate-vault:" + permission);
        return denied != null ? denied : action.get();
    }

    private Response withCertificate(String uuid, Function<VaultCertificate, Response> action) {
        VaultCertificate certificate = store.get(uuid);
        if (certificate == null) {
            return VaultJson.message(404, "No query results for model [App\\Models\\CertificateApplication] " + uuid);
        }
        return action.apply(certificate);
    }

    private Response uploadOne(RecordedRequest request) {
        FormInput input = FormInput.of(request);
        Validation validation = new Validation();
        Entry entry = entry(validation, "", input.fields()::get);
        String mimeType = validation.certificateFile("certificate_file", input.file("certificate_file"));
        if (validation.failed()) {
            return validation.response();
        }
        if (store.exists(entry.key())) {
            duplicatesRefused++;
            ObjectNode body = VaultJson.JSON.objectNode().put("message", DUPLICATE);
            body.putObject("errors").putArray("applicant_email").add(DUPLICATE);
            return Response.json(422, body);
        }
        FormInput.Upload upload = input.file("certificate_file");
        StoredFile file = new StoredFile(null, upload.filename(), mimeType, upload.content());
        VaultCertificate created = store.create(entry, file, "single_upload", null, Instant.now());
        processing.begin(created, "certificate_application.created");
        return withData(201, "Vault certificate uploaded successfully", VaultJson.summary(created));
    }

    private Response uploadFile(RecordedRequest request) {
        FormInput.Upload upload = FormInput.of(request).file("file");
        Validation validation = new Validation();
        String mimeType = validation.certificateFile("file", upload);
        if (validation.failed()) {
            return validation.response();
        }
        StoredFile file = store.upload(upload.filename(), mimeType, upload.content());
        ObjectNode data = VaultJson.JSON.objectNode().put("file_id", file.fileId()).put("file_name", file.fileName())
                .put("mime_type", mimeType).put("size", file.content().length);
        return withData(201, "File uploaded successfully", data);
    }

    /**
     * All or nothing: any invalid field, unresolved file id or duplicate (of a stored certificate or of another
     * entry) refuses the whole request with 422, and nothing is created.
     */
    private Response bulk(RecordedRequest request) {
        Map<Integer, Map<String, String>> rows = new TreeMap<>();
        FormInput.of(request).fields().forEach((name, value) -> {
            Matcher field = ENTRY_FIELD.matcher(name);
            if (field.matches()) {
                rows.computeIfAbsent(Integer.valueOf(field.group(1)), i -> new LinkedHashMap<>()).put(field.group(2), value);
            }
        });
        Validation validation = new Validation();
        if (rows.isEmpty()) {
            validation.fail("entries", "is required");
        }
        Map<Integer, Entry> entries = new LinkedHashMap<>();
        Map<Integer, String> fileIds = new LinkedHashMap<>();
        rows.forEach((i, row) -> {
            entries.put(i, entry(validation, "entries." + i + ".", row::get));
            fileIds.put(i, validation.uuid("entries." + i + ".file_id", row.get("file_id")));
        });
        if (validation.failed()) {
            return validation.response();
        }
        List<String> unresolved = new ArrayList<>();
        fileIds.forEach((i, fileId) -> {
            if (store.uploaded(fileId) == null) {
                unresolved.add("Entry " + i + ": file_id " + fileId + " not found");
            }
        });
        if (!unresolved.isEmpty()) {
            return VaultJson.entryErrors("Some file_ids could not be resolved", unresolved);
        }
        List<String> duplicates = new ArrayList<>();
        Set<VaultCertificate.Key> seen = new HashSet<>();
        entries.forEach((i, entry) -> {
            if (store.exists(entry.key()) || !seen.add(entry.key())) {
                duplicates.add("Entry " + i + ": " + DUPLICATE);
            }
        });
        if (!duplicates.isEmpty()) {
            duplicatesRefused += duplicates.size();
            return VaultJson.entryErrors(DUPLICATE, duplicates);
        }
        String batchId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        List<VaultCertificate> created = new ArrayList<>();
        entries.forEach((i, entry) -> created.add(
                store.create(entry, store.uploaded(fileIds.get(i)), "bulk_upload", batchId, now)));
        fileIds.values().forEach(store::consumeUpload);
        created.forEach(certificate -> processing.begin(certificate, "certificate_application.created"));
        ObjectNode data = VaultJson.JSON.objectNode().put("batch_id", batchId).put("total", created.size())
                .put("status", "processing");
        return withData(202, "Bulk vault upload queued for processing", data);
    }

    private Response list(RecordedRequest request) {
        Map<String, String> query = query(request);
        Validation validation = new Validation();
        int perPage = validation.integer("per_page", query.get("per_page"), 15, 1, 100);
        int page = validation.integer("page", query.get("page"), 1, 1, Integer.MAX_VALUE);
        validation.oneOf("status", query.get("status"), STATUSES);
        if (validation.failed()) {
            return validation.response();
        }
        List<ObjectNode> items = store.find(query.get("status"), query.get("applicant_email"), query.get("search"))
                .stream().map(VaultJson::summary).toList();
        return Response.json(200, VaultJson.page(items, page, perPage, baseUrl.get() + VAULT, query));
    }

    private Response show(VaultCertificate certificate) {
        ObjectNode body = VaultJson.JSON.objectNode();
        body.set("data", VaultJson.detail(certificate, baseUrl.get(), INSTITUTION));
        return Response.json(200, body);
    }

    private Response download(VaultCertificate certificate) {
        if (certificate.verifiedAt() == null) {
            return VaultJson.message(404, "Verified PDF not found. The certificate may still be processing.");
        }
        return verifiedPdf(certificate, baseUrl.get());
    }

    private Response retry(VaultCertificate certificate) {
        if (!certificate.status().equals("failed")) {
            return VaultJson.message(400, "Only failed vault certificates can be retried");
        }
        VaultCertificate retried = certificate.withStatus("processing", Instant.now());
        store.put(retried);
        processing.begin(retried, "certificate_application.retried");
        return withData(200, "Vault certificate retry initiated", VaultJson.detail(retried, baseUrl.get(), INSTITUTION));
    }

    private Response templates(RecordedRequest request) {
        Map<String, String> query = query(request);
        ObjectNode template = VaultJson.JSON.objectNode().put("id", 1)
                .put("uuid", UUID.nameUUIDFromBytes(INSTITUTION.getBytes()).toString())
                .put("name", "Certificate of Achievement").put("status", "active");
        return Response.json(200, VaultJson.page(List.of(template), 1, 15,
                baseUrl.get() + "/business/certificate-templates", query));
    }

    static Response verifiedPdf(VaultCertificate certificate, String baseUrl) {
        byte[] pdf = VerifiedPdf.stamp(certificate.file(), certificate, verificationUrl(baseUrl, certificate));
        return new Response(200, "application/pdf", pdf,
                Map.of("Content-Disposition", "attachment; filename=\"" + certificate.referenceId() + ".pdf\""));
    }

    static String verificationUrl(String baseUrl, VaultCertificate certificate) {
        return baseUrl + "/verify/" + certificate.referenceId();
    }

    private static Entry entry(Validation validation, String prefix, Function<String, String> field) {
        String title = validation.text(prefix + "certificate_title", field.apply("certificate_title"), true, 255);
        String name = validation.text(prefix + "full_name", field.apply("full_name"), true, 255);
        String email = validation.email(prefix + "applicant_email", field.apply("applicant_email"));
        LocalDate issueDate = validation.date(prefix + "issue_date", field.apply("issue_date"),
                LocalDate.now(ZoneOffset.UTC));
        String details = validation.text(prefix + "details", field.apply("details"), false, 1000);
        return new Entry(title, name, email, issueDate, details);
    }

    private static Map<String, String> query(RecordedRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        request.queryParams().forEach(pair -> {
            if (!pair.getValue().isBlank()) {
                query.put(pair.getKey(), pair.getValue().strip());
            }
        });
        return query;
    }

    private static Response withData(int status, String message, ObjectNode data) {
        ObjectNode body = VaultJson.JSON.objectNode().put("message", message);
        body.set("data", data);
        return Response.json(status, body);
    }
}
