package io.certbridge.truescreen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.document.CertificateDocuments;
import io.certbridge.issuance.Certificate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What TrueScreen is asked to certify of a certificate: its PDF and its credential, titled {@code Certificate <id>}
 * (the title is how a callback names the certificate when the creation answer was lost), with the certificate's id
 * in the metadata and the account's callback address as {@code webhook_url}.
 */
@Component
class CertificationRequest {

    static final String TITLE = "Certificate ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file certified: its name, Content-Type and bytes. */
    record File(String name, String contentType, byte[] content) {

        String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final CertificateDocuments documents;
    private final String publicBaseUrl;

    CertificationRequest(CertificateDocuments documents, @Value("${certbridge.public-base-url}") String publicBaseUrl) {
        this.documents = documents;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    /** How the call log names the account: {@code truescreen/<name>}. */
    static String caller(String account) {
        return "truescreen/" + account;
    }

    List<File> files(Certificate certificate) {
        File pdf = new File(certificate.id() + ".pdf", "application/pdf", documents.pdf(certificate));
        if (certificate.credential() == null) {
            return List.of(pdf);
        }
        return List.of(pdf, new File(certificate.id() + ".credential.json", "application/json",
                certificate.credential().getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code POST /v1/hash-certifications}: the files' SHA-256. */
    ObjectNode hashCertification(String account, Certificate certificate, List<File> files) {
        ObjectNode body = common(account, certificate);
        ArrayNode list = body.putArray("files");
        files.forEach(file -> list.addObject().put("file_name", file.name()).put("hash", file.sha256()));
        return body;
    }

    /** {@code POST /v1/file-certifications-attachments}: the files' names. */
    ObjectNode attachments(List<File> files) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("files");
        files.forEach(file -> list.addObject().put("file_name", file.name()));
        return body;
    }

    /** {@code POST /v1/file-certifications}: the uploaded session's certification. */
    ObjectNode fileCertification(String account, Certificate certificate, String uploadSessionToken) {
        return common(account, certificate).put("upload_session_token", uploadSessionToken);
    }

    private ObjectNode common(String account, Certificate certificate) {
        ObjectNode body = JSON.createObjectNode().put("title", TITLE + certificate.id())
                .put("webhook_url", publicBaseUrl + "/hooks/truescreen/" + account);
        body.putObject("metadata").put("certificate_id", certificate.id());
        return body;
    }
}
