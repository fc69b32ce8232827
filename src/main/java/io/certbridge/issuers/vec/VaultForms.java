package io.certbridge.issuers.vec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;

/** The multipart forms VEC.digital's uploads take, as its guide's curl examples send them. */
final class VaultForms {

    private static final ContentType TEXT = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);
    private static final ContentType PDF = ContentType.create("application/pdf");

    private VaultForms() {
    }

    /** {@code POST /business/certificate-vault}: one certificate with its file. */
    static HttpEntity single(VaultEntry entry, byte[] pdf) {
        MultipartEntityBuilder form = MultipartEntityBuilder.create();
        fields(form, "", entry);
        form.addBinaryBody("certificate_file", pdf, PDF, entry.fileName());
        return form.build();
    }

    /** {@code POST /business/certificate-vault/upload-file}: a file for a bulk request. */
    static HttpEntity file(VaultEntry entry, byte[] pdf) {
        return MultipartEntityBuilder.create().addBinaryBody("file", pdf, PDF, entry.fileName()).build();
    }

    /** {@code POST /business/certificate-vault/bulk}: the entries, each with its uploaded file's id. */
    static HttpEntity bulk(List<VaultEntry> entries, List<String> fileIds) {
        MultipartEntityBuilder form = MultipartEntityBuilder.create();
        for (int i = 0; i < entries.size(); i++) {
            String prefix = "entries[" + i + "]";
            fields(form, prefix, entries.get(i));
            form.addTextBody(prefix + "[file_id]", fileIds.get(i), TEXT);
        }
        return form.build();
    }

    private static void fields(MultipartEntityBuilder form, String prefix, VaultEntry entry) {
        form.addTextBody(name(prefix, "certificate_title"), entry.title(), TEXT)
                .addTextBody(name(prefix, "full_name"), entry.fullName(), TEXT)
                .addTextBody(name(prefix, "applicant_email"), entry.email(), TEXT)
                .addTextBody(name(prefix, "issue_date"), entry.issueDate().toString(), TEXT)
                .addTextBody(name(prefix, "details"), entry.details(), TEXT);
    }

    private static String name(String prefix, String field) {
        return prefix.isEmpty() ? field : prefix + "[" + field + "]";
    }
}
