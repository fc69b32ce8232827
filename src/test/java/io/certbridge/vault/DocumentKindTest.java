package io.certbridge.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.CertificateFiles;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A file's kind is read from its first bytes, where readers look for it. */
class DocumentKindTest {

    @Test
    void pdfsPngsAndJpegsAreToldByTheirFirstBytes() {
        assertThat(DocumentKind.sniff(CertificateFiles.pdf("Ada"))).contains(DocumentKind.PDF);
        assertThat(DocumentKind.sniff(CertificateFiles.png("Ada"))).contains(DocumentKind.PNG);
        assertThat(DocumentKind.sniff(CertificateFiles.jpeg("Ada"))).contains(DocumentKind.JPEG);
    }

    @Test
    void aPdfHeaderAfterSomeBytesCountsAsReadersTakeItButNotPastTheFirstKilobyte() {
        assertThat(DocumentKind.sniff(bytes(" ".repeat(1019) + "%PDF-1.7"))).contains(DocumentKind.PDF);
        assertThat(DocumentKind.sniff(bytes(" ".repeat(1020) + "%PDF-1.7"))).isEmpty();
    }

    @Test
    void nearMissesAreNothing() {
        assertThat(DocumentKind.sniff(bytes("%PDF"))).isEmpty();
        assertThat(DocumentKind.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isEmpty();
        assertThat(DocumentKind.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(DocumentKind.sniff(bytes("GIF89a"))).isEqualTo(Optional.empty());
        assertThat(DocumentKind.sniff(new byte[0])).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
