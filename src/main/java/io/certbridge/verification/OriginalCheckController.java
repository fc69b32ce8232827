package io.certbridge.verification;

import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.ValidationFailed;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Checks a file against the original of a certificate made from one (the vault's), for anyone, with no API key: the
 * file itself ({@code multipart/form-data}, field {@code file}), or only its SHA-256 ({@code {"sha256": "…"}}) for a
 * file its holder would rather not send. The file is hashed as it arrives and kept nowhere.
 */
@RestController
@RequestMapping(path = "/v1/verify/{id}/file", produces = "application/json")
class OriginalCheckController {

    record HashOnly(String sha256) {
    }

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final OriginalDocuments originals;

    OriginalCheckController(OriginalDocuments originals) {
        this.originals = originals;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    OriginalDocuments.FileCheck file(@PathVariable String id, @RequestParam(required = false) MultipartFile file)
            throws IOException {
        OriginalDocuments.Original original = original(id);
        if (file == null) {
            throw new ValidationFailed("file", "is required: the file to check");
        }
        try (InputStream content = file.getInputStream()) {
            return original.check(id, content);
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    OriginalDocuments.FileCheck hash(@PathVariable String id, @RequestBody HashOnly body) {
        OriginalDocuments.Original original = original(id);
        if (body.sha256() == null || !SHA256_HEX.matcher(body.sha256()).matches()) {
            throw new ValidationFailed("sha256", "must be a SHA-256 in hex (64 characters)");
        }
        return original.check(id, body.sha256());
    }

    private OriginalDocuments.Original original(String id) {
        return originals.of(id).orElseThrow(() -> new NotFound("certificate made from a file", id));
    }
}
