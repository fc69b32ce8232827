package io.certbridge.emulator.truescreen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.truescreen.Certification.CertifiedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The signed artifacts of a completed certification, stored under {@value #PATH}{@code <reportId>/<name>}:
 * {@code data} (jsonData), {@code report} (a PDF, when asked for), {@code xml} (the signed envelope) and, for file
 * certifications, {@code media} (each uploaded file, named {@code media-<n>}).
 */
final class Artifacts {

    static final String PATH = "/s3/artifacts/";

    /** One artifact: its {@code type} in the {@code files} array, its path name, and its content. */
    record Artifact(String type, String name, String contentType, byte[] content) {
    }

    private Artifacts() {
    }

    static List<Artifact> of(Certification certification) {
        List<Artifact> all = new ArrayList<>();
        all.add(new Artifact("data", "data.json", "application/json", utf8(jsonData(certification).toString())));
        if (certification.generatePdfReport()) {
            all.add(new Artifact("report", "report.pdf", "application/pdf", pdf(certification)));
        }
        all.add(new Artifact("xml", "envelope.xml", "application/xml", utf8(xml(certification))));
        List<CertifiedFile> files = certification.files();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).content() != null) {
                all.add(new Artifact("media", "media-" + i, files.get(i).contentType(), files.get(i).content()));
            }
        }
        return all;
    }

    /** The path of an artifact; {@link #locate} reads it back. */
    static String path(Certification certification, Artifact artifact) {
        return PATH + certification.reportId() + "/" + artifact.name();
    }

    /** (reportId, name) from a path under {@value #PATH}, or null. */
    static String[] locate(String path) {
        String[] parts = path.substring(PATH.length()).split("/");
        return parts.length == 2 ? parts : null;
    }

    private static ObjectNode jsonData(Certification c) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("report_id", c.reportId())
                .put("title", c.title()).put("mode", c.mode()).put("created_at", c.createdAt().toString())
                .put("certified_at", c.outcome().finishedAt().toString());
        ArrayNode files = data.putArray("files");
        for (CertifiedFile file : c.files()) {
            ObjectNode entry = files.addObject().put("file_name", file.fileName()).put("hash", file.sha256())
                    .put("hash_algorithm", "SHA-256");
            if (file.creationDatetime() != null) {
                entry.put("creation_datetime", file.creationDatetime());
            }
        }
        if (c.metadata() != null) {
            data.set("metadata", c.metadata());
        }
        return data;
    }

    private static String xml(Certification c) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Certification reportId=\"")
                .append(c.reportId()).append("\" timestamp=\"").append(c.outcome().finishedAt()).append("\">\n");
        for (CertifiedFile file : c.files()) {
            xml.append("  <File name=\"").append(escape(file.fileName())).append("\" sha256=\"")
                    .append(file.sha256()).append("\"/>\n");
        }
        String signature = Base64.getEncoder().encodeToString(utf8(c.reportId() + c.outcome().finishedAt()));
        return xml.append("  <Signature>").append(signature).append("</Signature>\n</Certification>\n").toString();
    }

    private static byte[] pdf(Certification c) {
        return utf8("%PDF-1.4\n% TrueScreen certification report " + c.reportId() + " (" + escape(c.title())
                + ")\n%%EOF\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
