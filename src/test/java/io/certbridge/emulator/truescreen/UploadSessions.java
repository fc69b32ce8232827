package io.certbridge.emulator.truescreen;

import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.truescreen.Certification.CertifiedFile;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The file registrations of step 1, the uploads of step 2 and the one-time use of a session in step 3. Each
 * registered file has its own upload path, {@value #PATH}{@code <attachment id>}; the PUT to it must carry the
 * presigned query, a {@code Content-Type} and no other header than those HTTP itself needs. Not thread-safe: used
 * under the emulator's monitor.
 */
final class UploadSessions {

    static final String PATH = "/s3/uploads/";

    /** Headers a plain HTTP client sends on its own; any other header than Content-Type is refused. */
    private static final Set<String> TRANSPORT_HEADERS = caseInsensitive("Host", "Content-Length", "Connection",
            "Upgrade", "HTTP2-Settings", "Transfer-Encoding", "Expect", "User-Agent", "Accept", "Accept-Encoding");

    private static final class Attachment {
        final String fileName;
        final String creationDatetime;
        String contentType;
        byte[] content;

        Attachment(String fileName, String creationDatetime) {
            this.fileName = fileName;
            this.creationDatetime = creationDatetime;
        }
    }

    private static final class Session {
        final List<Attachment> attachments = new ArrayList<>();
        boolean used;
    }

    /** A registered file and where to upload it. */
    record Registered(String fileName, String attachmentId) {
    }

    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Attachment> attachments = new HashMap<>();

    /** Opens a session for the files (name, creation_datetime or null); returns its token and the upload paths. */
    String register(List<String[]> files, List<Registered> registered) {
        String token = "sess_" + UUID.randomUUID().toString().replace("-", "");
        Session session = new Session();
        for (String[] file : files) {
            Attachment attachment = new Attachment(file[0], file[1]);
            String id = UUID.randomUUID().toString();
            session.attachments.add(attachment);
            attachments.put(id, attachment);
            registered.add(new Registered(file[0], id));
        }
        sessions.put(token, session);
        return token;
    }

    /**
     * Stores the body of a PUT whose presigned query was already checked; returns an S3-style refusal (status,
     * code, message) when the headers are not what a presigned URL accepts, or null.
     */
    Presigner.Refusal upload(RecordedRequest request) {
        Attachment attachment = attachments.get(request.path().substring(PATH.length()));
        if (attachment == null) {
            return new Presigner.Refusal(404, "NoSuchUpload", "The specified upload does not exist.");
        }
        String contentType = request.header("Content-Type");
        if (contentType == null) {
            return new Presigner.Refusal(403, "SignatureDoesNotMatch", "Content-Type is required.");
        }
        for (String header : request.headers().keySet()) {
            if (!header.equalsIgnoreCase("Content-Type") && !TRANSPORT_HEADERS.contains(header)) {
                return new Presigner.Refusal(403, "AccessDenied",
                        "There were headers present in the request which were not signed: "
                                + header.toLowerCase(Locale.ROOT));
            }
        }
        attachment.contentType = contentType;
        attachment.content = request.rawBody();
        return null;
    }

    /**
     * Uses the session up for a certification and returns its files with their digests.
     *
     * @throws Problem TS-011 for an unknown token, TS-012 when it was used, TS-013 when a file was not uploaded
     */
    List<CertifiedFile> take(String token) {
        Session session = sessions.get(token);
        if (session == null) {
            throw Problem.noAttachments();
        }
        if (session.used) {
            throw Problem.sessionAlreadyUsed();
        }
        if (session.attachments.stream().anyMatch(a -> a.content == null)) {
            throw Problem.notAllUploaded();
        }
        return session.attachments.stream().map(a -> new CertifiedFile(a.fileName, sha256(a.content),
                a.contentType, a.content, a.creationDatetime)).toList();
    }

    /** Marks the session used, once its certification was accepted (credits included). */
    void markUsed(String token) {
        sessions.get(token).used = true;
    }

    void clear() {
        sessions.clear();
        attachments.clear();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }
}
