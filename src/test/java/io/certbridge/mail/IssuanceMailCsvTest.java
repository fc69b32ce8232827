package io.certbridge.mail;

import static io.certbridge.mail.IssuanceMailFixtures.raw;
import static io.certbridge.mail.IssuanceMailFixtures.received;
import static io.certbridge.mail.IssuanceMailFixtures.withAttachment;
import static io.certbridge.mail.IssuanceMailFixtures.withCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.certbridge.mail.IssuanceMail.Row;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Issuance mails with the recipients in a CSV attachment. */
class IssuanceMailCsvTest {

    /** Ada and Alan in the CSV file's row {@code row}, the header being row 1. */
    private static Row ada(int row) {
        return new Row(row, "Ada Lovelace", "ada@example.org",
                Map.of("course", "Analytical Engines", "completed_on", "2024-11-05"), List.of());
    }

    private static Row alan(int row) {
        return new Row(row, "Alan Turing", "alan@example.org", Map.of("course", "Computability"), List.of());
    }

    private final IssuanceMailReader reader = new IssuanceMailReader(20L * 1024 * 1024, 10_000);

    private IssuanceMail read(MimeMessage mail) throws MessagingException, IOException {
        return IssuanceMailFixtures.read(reader, mail);
    }

    @Test
    void readsACommaSeparatedAttachmentAndOnlyTheSecretFromTheBody() throws Exception {
        IssuanceMail mail = read(received(withCsv("""
                name,email,Course,Completed on
                Ada Lovelace,ada@example.org,Analytical Engines,2024-11-05
                Alan Turing,alan@example.org,Computability,
                """)));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.secret()).isEqualTo("s3cret");
        assertThat(mail.rows()).containsExactly(ada(2), alan(3));
    }

    @Test
    void readsASemicolonSeparatedAttachmentWithAByteOrderMarkAndCrlf() throws Exception {
        String csv = "\uFEFFName;Email;completed-on;course\r\n"
                + "Ada Lovelace;ada@example.org;2024-11-05;Analytical Engines\r\n"
                + "\r\n"
                + "Alan Turing;alan@example.org;;Computability\r\n";

        IssuanceMail mail = read(received(withAttachment("", csv.getBytes(StandardCharsets.UTF_8),
                "application/vnd.ms-excel", "Empfänger.CSV")));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.rows()).containsExactly(ada(2), alan(4));
    }

    @Test
    void readsAnExcelFileInWindows1252() throws Exception {
        byte[] csv = "name;email\r\nZoë Ångström;zoe@example.se\r\n".getBytes(Charset.forName("windows-1252"));

        IssuanceMail mail = read(received(withAttachment("", csv, "application/octet-stream", "list.csv")));

        assertThat(mail.rows()).containsExactly(new Row(2, "Zoë Ångström", "zoe@example.se", Map.of(), List.of()));
    }

    @Test
    void readsTheCharsetTheAttachmentNames() throws Exception {
        byte[] csv = "name,email\n渡辺 健,ken@example.jp\n".getBytes(StandardCharsets.UTF_16LE);

        IssuanceMail mail = read(received(withAttachment("", csv, "text/csv; charset=UTF-16LE", "list.csv")));

        assertThat(mail.rows()).containsExactly(new Row(2, "渡辺 健", "ken@example.jp", Map.of(), List.of()));
    }

    @Test
    void quotedCellsHoldSeparatorsLineBreaksAndQuotes() throws Exception {
        IssuanceMail mail = read(received(withCsv("""
                "name","email","course"
                "Lovelace, Ada",ada@example.org,"The ""Analytical"" Engine
                and its programs"
                 "Turing; Alan" , alan@example.org ,"a,b;c"
                """)));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.rows()).containsExactly(
                new Row(2, "Lovelace, Ada", "ada@example.org",
                        Map.of("course", "The \"Analytical\" Engine\nand its programs"), List.of()),
                new Row(3, "Turing; Alan", "alan@example.org", Map.of("course", "a,b;c"), List.of()));
    }

    @Test
    void rowProblemsNameTheRowAsASpreadsheetShowsTheFileWithTheHeaderAsRowOne() throws Exception {
        IssuanceMail mail = read(withCsv("""
                name,email,course
                Ada Lovelace,ada@example.org,Engines

                Alan Turing,,Computability
                ,,
                Grace Hopper
                """));

        assertThat(mail.readable()).isTrue();
        assertThat(mail.rows()).extracting(Row::number, Row::problems).containsExactly(
                tuple(2, List.of()),
                tuple(4, List.of("the e-mail address is missing")),
                tuple(6, List.of("the e-mail address is missing")));
    }

    @Test
    void anUnterminatedQuoteNamesTheLineItOpensOn() throws Exception {
        IssuanceMail mail = read(withCsv("""
                name,email,course
                Ada Lovelace,ada@example.org,Engines
                Alan Turing,alan@example.org,"Computability
                Grace Hopper,grace@example.org,Compilers
                """));

        assertThat(mail.rows()).isEmpty();
        assertThat(mail.problems())
                .containsExactly("The attachment recipients.csv, line 3: a quoted cell is not closed");
    }

    @Test
    void aRowWithMoreCellsThanTheHeaderNamesItsLine() throws Exception {
        IssuanceMail mail = read(withCsv("""
                name,email,course
                "Ada
                Lovelace",ada@example.org,Engines,
                Alan Turing,alan@example.org,Computability,extra
                """));

        assertThat(mail.rows()).isEmpty();
        assertThat(mail.problems())
                .containsExactly("The attachment recipients.csv, line 4: 4 cells, but the header has 3");
    }

    @Test
    void textAfterAClosingQuoteNamesItsLine() throws Exception {
        IssuanceMail mail = read(withCsv("name,email\n\"Ada\" Lovelace,ada@example.org\n"));

        assertThat(mail.problems()).containsExactly("The attachment recipients.csv, line 2: "
                + "a quoted cell must end at a \",\" or at the end of the line");
    }

    @Test
    void aHeaderWithoutNameOrEmailOrWithUnknownColumnsIsAProblem() throws Exception {
        IssuanceMail noEmail = read(withCsv("name,course\nAda,Engines\n"));
        IssuanceMail unknown = read(withCsv("Name,Email,Colour,email\nAda,ada@example.org,blue,x\n"));
        IssuanceMail empty = read(withCsv("\n\n"));

        assertThat(noEmail.problems())
                .containsExactly("The attachment recipients.csv, line 1: the header has no email column");
        assertThat(unknown.problems()).containsExactly(
                "The attachment recipients.csv, line 1: Colour is not a field of template Python 101",
                "The attachment recipients.csv, line 1: the column email appears twice");
        assertThat(empty.problems()).containsExactly("The attachment recipients.csv is empty");
    }

    @Test
    void aHeaderOnlyNamesNoRecipients() throws Exception {
        assertThat(read(withCsv("name,email,course\n")).problems()).containsExactly("The mail names no recipients");
    }

    @Test
    void anAttachmentOverTheLimitIsAProblem() throws Exception {
        IssuanceMailReader smallLimit = new IssuanceMailReader(100, 10);
        MimeMessage mail = withCsv("name,email\n" + "Ada Lovelace,ada@example.org\n".repeat(100));

        assertThat(IssuanceMailFixtures.read(smallLimit, mail).problems())
                .containsExactly("The attachment recipients.csv is more than 100 bytes; the limit is 100 bytes");
        assertThat(IssuanceMailFixtures.read(smallLimit, received(mail)).problems())
                .containsExactly("The attachment recipients.csv is 2.9 KB; the limit is 100 bytes");
        MimeMessage base64 = withAttachment("", ("name,email\n" + "Ada Lovelace,ada@example.org\n".repeat(100))
                .getBytes(StandardCharsets.UTF_16LE), "text/csv; charset=UTF-16LE", "recipients.csv");
        assertThat(IssuanceMailFixtures.read(smallLimit, received(base64)).problems())
                .containsExactly("The attachment recipients.csv is 5.7 KB; the limit is 100 bytes");
    }

    @Test
    void anAttachmentTheSizeOfTheLimitIsRead() throws Exception {
        String csv = "name,email\n" + "Ada Lovelace,ada@example.org\n".repeat(100);
        IssuanceMailReader exactLimit = new IssuanceMailReader(csv.length(), 1000);

        IssuanceMail mail = IssuanceMailFixtures.read(exactLimit, received(withCsv(csv)));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.rows()).hasSize(100);
    }

    @Test
    void moreRowsThanTheLimitIsAProblem() throws Exception {
        IssuanceMailReader smallLimit = new IssuanceMailReader(1024 * 1024, 99);

        IssuanceMail mail = IssuanceMailFixtures.read(smallLimit,
                withCsv("name,email\n" + "Ada Lovelace,ada@example.org\n".repeat(100)));

        assertThat(mail.rows()).isEmpty();
        assertThat(mail.problems()).containsExactly(
                "The mail names more than 99 recipients, the most one mail may name; send them in several mails");
    }

    @Test
    void aThousandRowsAreNumberedTwoToAThousandAndOne() throws Exception {
        StringBuilder csv = new StringBuilder("name;email;grade\n");
        IntStream.rangeClosed(1, 1000).forEach(i -> csv.append("Learner ").append(i).append(";learner")
                .append(i).append("@example.org;").append(i % 5).append('\n'));

        IssuanceMail mail = read(received(withCsv(csv.toString())));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.rows()).extracting(Row::number).containsExactlyElementsOf(
                IntStream.rangeClosed(2, 1001).boxed().toList());
        assertThat(mail.rows().get(999)).isEqualTo(new Row(1001, "Learner 1000", "learner1000@example.org",
                Map.of("grade", "0"), List.of()));
    }

    @Test
    void twoCsvAttachmentsAreAProblem() throws Exception {
        IssuanceMail mail = read(raw("""
                Subject: Issue: Python 101
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=UTF-8

                Two lists.
                --b1
                Content-Type: text/csv; name=a.csv
                Content-Disposition: attachment; filename=a.csv

                name,email
                Ada,ada@example.org
                --b1
                Content-Type: text/csv; name=b.csv
                Content-Disposition: attachment; filename=b.csv

                name,email
                Alan,alan@example.org
                --b1--
                """));

        assertThat(mail.problems()).containsExactly("The mail has 2 CSV attachments; send one per mail");
    }

    @Test
    void readsABase64AttachmentAsOutlookSendsIt() throws Exception {
        IssuanceMail mail = read(raw("""
                Subject: RE: Issue: Python 101
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="----=_NextPart_000_0001"

                ------=_NextPart_000_0001
                Content-Type: text/html; charset="utf-8"

                <p>Secret: s3cret</p>
                ------=_NextPart_000_0001
                Content-Type: application/vnd.ms-excel; name="=?utf-8?B?TMOkcm5lbmRlLmNzdg==?="
                Content-Transfer-Encoding: base64
                Content-Disposition: attachment; filename="=?utf-8?B?TMOkcm5lbmRlLmNzdg==?="

                bmFtZTtlbWFpbA0KWm/DqyDDhW5nc3Ryw7ZtO3pvZUBleGFtcGxlLnNlDQo=
                ------=_NextPart_000_0001--
                """.replace("\n", "\r\n")));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.secret()).isNull();
        assertThat(mail.rows()).containsExactly(new Row(2, "Zoë Ångström", "zoe@example.se", Map.of(), List.of()));
    }
}
