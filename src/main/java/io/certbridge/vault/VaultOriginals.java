package io.certbridge.vault;

import io.certbridge.verification.OriginalDocuments;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The files of the vault's approved entries, as the originals of their certificates. */
@Component
class VaultOriginals implements OriginalDocuments {

    private final VaultRecords records;

    VaultOriginals(VaultRecords records) {
        this.records = records;
    }

    @Override
    public Optional<Original> of(String certificateId) {
        return records.ofCertificate(certificateId).map(entry -> new Original(entry.file().sha256(),
                entry.file().mediaType(), entry.file().size(), entry.title(), entry.issueDate()));
    }
}
