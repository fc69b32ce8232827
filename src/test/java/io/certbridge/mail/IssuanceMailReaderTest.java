package io.certbridge.mail;

import static io.certbridge.mail.IssuanceMailFixtures.SUBJECT;
import static io.certbridge.mail.IssuanceMailFixtures.plain;
import static io.certbridge.mail.IssuanceMailFixtures.raw;
import static io.certbridge.mail.IssuanceMailFixtures.received;
import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.mail.IssuanceMail.Row;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Issuance mails with the recipients in the plain-text body, and what the reader makes of their subjects. */
class IssuanceMailReaderTest {

    private static final String TWO_RECIPIENTS = """
            Secret: s3cret

            Name: Ada Lovelace
            Email: ada@example.org
            Course: Analytical Engines
            Completed on: 2024-11-05

            Name: Alan Turing
            Email: alan@example.org
            course: Computability
            """;

    private final IssuanceMailReader reader = new IssuanceMailReader(20L * 1024 * 1024, 10_000);

    private IssuanceMail read(MimeMessage mail) throws MessagingException, IOException {
        return IssuanceMailFixtures.read(reader, mail);
    }

    @Test
    void readsTwoRecipientsAndTheSecretBlock() throws Exception {
        IssuanceMail mail = read(received(plain(SUBJECT, TWO_RECIPIENTS)));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.readable()).isTrue();
        assertThat(mail.templateRef()).isEqualTo("Python 101");
        assertThat(mail.secret()).isEqualTo("s3cret");
        assertThat(mail.rows()).containsExactly(
                new Row(1, "Ada Lovelace", "ada@example.org",
                        Map.of("course", "Analytical Engines", "completed_on", "2024-11-05"), List.of()),
                new Row(2, "Alan Turing", "alan@example.org", Map.of("course", "Computability"), List.of()));
    }

    @Test
    void takesTheSecretFromTheEndOfTheSubject() throws Exception {
        IssuanceMail mail = read(plain("Issue: tpl_01 [secret abc def]", "Name: Ada\nEmail: ada@example.org\n"));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.templateRef()).isEqualTo("tpl_01");
        assertThat(mail.secret()).isEqualTo("abc def");
    }

    @Test
    void aMailWithoutASecretHasNone() throws Exception {
        IssuanceMail mail = read(plain(SUBJECT, "Name: Ada\nEmail: ada@example.org\n"));

        assertThat(mail.readable()).isTrue();
        assertThat(mail.secret()).isNull();
    }

    @Test
    void twoDifferentSecretsAreAProblem() throws Exception {
        IssuanceMail mail = read(plain("Issue: Python 101 [secret one]", TWO_RECIPIENTS));

        assertThat(mail.secret()).isNull();
        assertThat(mail.problems()).containsExactly("The mail gives 2 different secrets; give the secret once");
    }

    @Test
    void ignoresReplyAndForwardPrefixes() throws Exception {
        for (String subject : List.of("Re: Issue: Python 101", "Fwd: RE: issue: Python 101", "AW: WG: ISSUE:Python 101",
                "Re[2]: Fw: Issue: Python 101 [secret s3cret]", "  re :  Issue:   Python 101  ")) {
            IssuanceMail mail = read(plain(subject, "Name: Ada\nEmail: ada@example.org\n"));

            assertThat(mail.problems()).as(subject).isEmpty();
            assertThat(mail.templateRef()).as(subject).isEqualTo("Python 101");
        }
    }

    @Test
    void theSubjectKeptAndRepeatedHasNoSecretClosedOrNot() {
        assertThat(IssuanceSubject.withoutSecret("Re[2]: Issue: Python 101 [Secret s3cret] "))
                .isEqualTo("Re[2]: Issue: Python 101 ");
        assertThat(IssuanceSubject.withoutSecret("Issue: Python 101 [secret s3cret")).isEqualTo("Issue: Python 101");
        assertThat(IssuanceSubject.withoutSecret("Issue: [secret s3cret]")).isEqualTo("Issue:");
        assertThat(IssuanceSubject.withoutSecret("Issue: Python 101 [EXT]")).isEqualTo("Issue: Python 101 [EXT]");
    }

    @Test
    void aSubjectThatDoesNotAskForIssuanceIsAProblem() throws Exception {
        for (String subject : List.of("Certificates please", "Issue:", "Issue: [secret s3cret]",
                "[EXT] Issue: Python 101")) {
            IssuanceMail mail = read(plain(subject, "Name: Ada\nEmail: ada@example.org\n"));

            assertThat(mail.problems()).as(subject)
                    .containsExactly("The subject must read \"Issue: <template id or name>\"");
            assertThat(mail.rows()).isEmpty();
        }
        MimeMessage noSubject = new MimeMessage(Session.getInstance(new Properties()));
        noSubject.setText("Name: Ada\nEmail: ada@example.org\n", "UTF-8");
        assertThat(read(noSubject).problems())
                .containsExactly("The subject must read \"Issue: <template id or name>\"");
    }

    @Test
    void anUnknownTemplateIsAProblemAndNoRows() throws Exception {
        IssuanceMail mail = read(plain("Issue: Cooking 101", TWO_RECIPIENTS));

        assertThat(mail.templateRef()).isEqualTo("Cooking 101");
        assertThat(mail.secret()).isEqualTo("s3cret");
        assertThat(mail.rows()).isEmpty();
        assertThat(mail.problems()).containsExactly("No template Cooking 101");
    }

    @Test
    void matchesKeysToFieldsIgnoringCaseSpacesHyphensAndUnderscores() throws Exception {
        for (String key : List.of("completed_on", "Completed on", "COMPLETED-ON", "completed  on", " Completed_On ")) {
            IssuanceMail mail = read(plain(SUBJECT, "name: Ada\nEMAIL: ada@example.org\n" + key + ": 2024-11-05\n"));

            assertThat(mail.rows()).as(key).containsExactly(new Row(1, "Ada", "ada@example.org",
                    Map.of("completed_on", "2024-11-05"), List.of()));
        }
    }

    @Test
    void keysThatAreNotFieldsAndLinesWithoutAColonAreProblemsOfTheirRow() throws Exception {
        IssuanceMail mail = read(plain(SUBJECT, """
                Name: Ada
                Email: ada@example.org

                Name: Alan
                Email: alan@example.org
                Colour: blue
                Please issue this one quickly
                Grade: A
                """));

        assertThat(mail.readable()).isTrue();
        assertThat(mail.rows().get(0).problems()).isEmpty();
        assertThat(mail.rows().get(1)).isEqualTo(new Row(2, "Alan", "alan@example.org", Map.of("grade", "A"), List.of(
                "Colour is not a field of template Python 101",
                "\"Please issue this one quickly\" is not a \"Key: value\" line")));
    }

    @Test
    void aMissingOrEmptyNameOrEmailIsAProblemOfTheRow() throws Exception {
        IssuanceMail mail = read(plain(SUBJECT, """
                Name: Ada
                Course: Analytical Engines

                Name:
                Email: alan@example.org
                Grade:

                Name: Grace
                Email: grace@example.org
                Email: hopper@example.org
                """));

        assertThat(mail.rows()).containsExactly(
                new Row(1, "Ada", null, Map.of("course", "Analytical Engines"), List.of("the e-mail address is missing")),
                new Row(2, null, "alan@example.org", Map.of(), List.of("the name is missing")),
                new Row(3, "Grace", "grace@example.org", Map.of(), List.of("email is given twice")));
    }

    @Test
    void valuesKeepTheirColonsAndLosePaddingAndOutlooksMailtoLinks() throws Exception {
        IssuanceMail mail = read(plain(SUBJECT,
                "Name:   Ada Lovelace  \nEmail: ada@example.org <mailto:ada@example.org>\n"
                        + "Course: Engines: the basics\n"));

        assertThat(mail.rows()).containsExactly(new Row(1, "Ada Lovelace", "ada@example.org",
                Map.of("course", "Engines: the basics"), List.of()));
    }

    @Test
    void ignoresQuotedLinesAndWhatFollowsTheSignatureDelimiter() throws Exception {
        for (String delimiter : List.of("-- ", "--")) {
            IssuanceMail mail = read(plain("Re: " + SUBJECT, """
                    Name: Ada
                    > Name: Someone quoted
                    Email: ada@example.org

                    > Name: Old
                    > Email: old@example.org

                    %s
                    Name: Signature Person
                    Email: sig@example.org
                    """.formatted(delimiter)));

            assertThat(mail.problems()).as(delimiter).isEmpty();
            assertThat(mail.rows()).as(delimiter)
                    .containsExactly(new Row(1, "Ada", "ada@example.org", Map.of(), List.of()));
        }
    }

    @Test
    void readsCrlfLines() throws Exception {
        IssuanceMail mail = read(raw("""
                Subject: Issue: Python 101
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                Name: Ada
                Email: ada@example.org

                \t\040
                Name: Alan
                Email: alan@example.org
                """.replace("\n", "\r\n")));

        assertThat(mail.rows()).containsExactly(new Row(1, "Ada", "ada@example.org", Map.of(), List.of()),
                new Row(2, "Alan", "alan@example.org", Map.of(), List.of()));
    }

    @Test
    void readsIso88591QuotedPrintableAsClientsSendIt() throws Exception {
        IssuanceMail mail = read(raw("""
                From: registrar@example.se
                Subject: =?ISO-8859-1?Q?Issue:_Python_101_[secret_h=E4mligt]?=
                MIME-Version: 1.0
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: quoted-printable

                Name: Zo=EB =C5ngstr=F6m
                Email: zoe@example.se
                Course: Programmering f=F6r nyb=F6rjare, en mycket l=E5ng kurstitel som br=
                yts av klienten
                """.replace("\n", "\r\n")));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.secret()).isEqualTo("hämligt");
        assertThat(mail.rows()).containsExactly(new Row(1, "Zoë Ångström", "zoe@example.se",
                Map.of("course", "Programmering för nybörjare, en mycket lång kurstitel som bryts av klienten"),
                List.of()));
    }

    @Test
    void readsUtf8Base64AsClientsSendIt() throws Exception {
        IssuanceMail mail = read(raw("""
                Subject: =?UTF-8?B?SXNzdWU6IFB5dGhvbiAxMDE=?=
                MIME-Version: 1.0
                Content-Type: text/plain; charset="utf-8"
                Content-Transfer-Encoding: base64

                TmFtZTog5rih6L66IOWBpQ0KRW1haWw6IGtlbkBleGFtcGxlLmpwDQpDb3Vyc2U6IOaXpeacrOiq
                ng0K
                """));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.rows()).containsExactly(
                new Row(1, "渡辺 健", "ken@example.jp", Map.of("course", "日本語"), List.of()));
    }

    @Test
    void readsTheCharsetsJavaKnows() throws Exception {
        for (String charset : List.of("UTF-8", "UTF-16", "windows-1252", "ISO-8859-1")) {
            IssuanceMail mail = read(received(IssuanceMailFixtures.plainIn(charset)));

            assertThat(mail.rows()).as(charset)
                    .containsExactly(new Row(1, "Zoë Ångström", "zoe@example.se", Map.of(), List.of()));
        }
    }

    @Test
    void anUnknownCharsetOrBytesThatAreNotItsTextAreProblems() throws Exception {
        IssuanceMail unknown = read(raw("""
                Subject: Issue: Python 101
                Content-Type: text/plain; charset=x-klingon

                Name: Ada
                Email: ada@example.org
                """));
        IssuanceMail notUtf8 = read(raw("""
                Subject: Issue: Python 101
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Name: Zo\u00eb
                Email: zoe@example.se
                """));

        assertThat(unknown.problems()).containsExactly("The plain-text part is in the character set \"x-klingon\", "
                + "which the hub cannot read; send it in UTF-8");
        assertThat(notUtf8.problems()).containsExactly("The plain-text part is not valid UTF-8");
    }

    @Test
    void aBodyWithoutACharsetIsUtf8OrElseWindows1252() throws Exception {
        String utf8 = "Subject: Issue: Python 101\n\nName: Zo\u00c3\u00ab\nEmail: zoe@example.se\n";
        String windows = "Subject: Issue: Python 101\n\nName: Zo\u00eb \u0093Z\u0094\nEmail: zoe@example.se\n";

        assertThat(read(raw(utf8)).rows().getFirst().name()).isEqualTo("Zoë");
        assertThat(read(raw(windows)).rows().getFirst().name()).isEqualTo("Zoë “Z”");
    }

    @Test
    void joinsTheLinesAFlowedBodyBrokeSoftly() throws Exception {
        IssuanceMail mail = read(raw("""
                Subject: Issue: Python 101
                Content-Type: text/plain; charset=UTF-8; format=flowed; delsp=no

                Name: Ada Lovelace
                Email: ada@example.org
                Course: A course with a title much longer than the seventy-two\040
                characters a line may have
                \040From the start
                --\040
                Ada
                """.replace("\n", "\r\n")));

        assertThat(mail.problems()).isEmpty();
        assertThat(mail.rows()).containsExactly(new Row(1, "Ada Lovelace", "ada@example.org", Map.of("course",
                        "A course with a title much longer than the seventy-two characters a line may have"),
                List.of("\"From the start\" is not a \"Key: value\" line")));
    }

    @Test
    void takesThePlainTextOfAMultipartAlternative() throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Name: Ada\nEmail: ada@example.org\n", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>Name: Someone else<br>Email: else@example.org</p>", "text/html; charset=UTF-8");
        MimeMessage mail = plain(SUBJECT, "");
        mail.setContent(new MimeMultipart("mixed", bodyOf(new MimeMultipart("alternative", html, text))));
        mail.saveChanges();

        IssuanceMail read = read(received(mail));

        assertThat(read.problems()).isEmpty();
        assertThat(read.rows()).containsExactly(new Row(1, "Ada", "ada@example.org", Map.of(), List.of()));
    }

    @Test
    void anHtmlOnlyMailIsAProblem() throws Exception {
        MimeMessage mail = plain(SUBJECT, "");
        mail.setContent("<p>Name: Ada<br>Email: ada@example.org</p>", "text/html; charset=UTF-8");
        mail.saveChanges();

        assertThat(read(received(mail)).problems()).containsExactly("The mail has no plain-text part: send the "
                + "recipients as Key: value lines in plain text, or as a CSV attachment");
    }

    @Test
    void plainTextAttachmentsAreNotTheBody() throws Exception {
        IssuanceMail mail = read(raw("""
                Subject: Issue: Python 101
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/html; charset=UTF-8

                <p>See the attached notes.</p>
                --b1
                Content-Type: text/plain; charset=UTF-8; name=notes.txt
                Content-Disposition: inline; filename=notes.txt

                Name: Ada
                Email: ada@example.org
                --b1
                Content-Type: text/plain; charset=UTF-8
                Content-Disposition: attachment

                Name: Alan
                Email: alan@example.org
                --b1--
                """));

        assertThat(mail.problems()).containsExactly("The mail has no plain-text part: send the "
                + "recipients as Key: value lines in plain text, or as a CSV attachment");
    }

    @Test
    void aMailWithoutRecipientsIsAProblem() throws Exception {
        for (String body : List.of("", "\n\n", "Secret: s3cret\n", "> Name: Ada\n> Email: ada@example.org\n")) {
            assertThat(read(received(plain(SUBJECT, body))).problems()).as(body)
                    .containsExactly("The mail names no recipients");
        }
        assertThat(read(raw("Subject: Issue: Python 101\n")).problems())
                .containsExactly("The mail names no recipients");
    }

    @Test
    void moreRecipientsThanTheLimitIsAProblem() throws Exception {
        IssuanceMailReader smallLimit = new IssuanceMailReader(1024, 2);
        String three = "Name: A\nEmail: a@example.org\n\nName: B\nEmail: b@example.org\n\n"
                + "Name: C\nEmail: c@example.org\n";

        IssuanceMail mail = IssuanceMailFixtures.read(smallLimit, plain(SUBJECT, three));

        assertThat(mail.rows()).isEmpty();
        assertThat(mail.problems()).containsExactly(
                "The mail names more than 2 recipients, the most one mail may name; send them in several mails");
        assertThat(IssuanceMailFixtures.read(smallLimit, plain(SUBJECT, three.substring(0, three.lastIndexOf("\n\n"))))
                .rows()).hasSize(2);
    }

    @Test
    void aBodyOverTheSizeLimitIsAProblem() throws Exception {
        IssuanceMailReader smallLimit = new IssuanceMailReader(100, 10);
        MimeMessage mail = plain(SUBJECT, "Name: Ada\n".repeat(20));
        MimeMessage withAttachment = IssuanceMailFixtures.withAttachment("Name: Ada\n".repeat(20),
                "name,email\n".getBytes(StandardCharsets.UTF_8), "text/csv", "list.csv");

        assertThat(IssuanceMailFixtures.read(smallLimit, received(mail)).problems())
                .containsExactly("The plain-text part is more than 100 bytes; the limit is 100 bytes");
        assertThat(IssuanceMailFixtures.read(smallLimit, received(withAttachment)).problems())
                .containsExactly("The plain-text part is 200 bytes; the limit is 100 bytes");
    }

    @Test
    void aBrokenMimeStructureIsAProblem() throws Exception {
        IssuanceMail mail = read(raw("""
                Subject: Issue: Python 101
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                Name: Ada
                Email: ada@example.org
                """));

        assertThat(mail.readable()).isFalse();
        assertThat(mail.problems()).singleElement().asString().startsWith("The mail's MIME structure cannot be read");
    }

    @Test
    void aBodyItsTransferEncodingCannotDecodeIsAProblem() throws Exception {
        IssuanceMail truncated = read(raw("""
                Subject: Issue: Python 101
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: base64

                TmFtZTog5rih6L66IOWBpQ0KRW1haWw6IGtlbkBleGFtcGxlLmpwDQpDb3Vyc2U6IOaXpeacrOiq
                n
                """));
        IssuanceMail unknown = read(raw("""
                Subject: Issue: Python 101
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: x-rot13

                Anzr: Nqn
                """));

        assertThat(truncated.problems())
                .containsExactly("The plain-text part cannot be decoded from base64; it may have been cut off");
        assertThat(unknown.problems()).containsExactly(
                "The plain-text part has the transfer encoding \"x-rot13\", which the hub cannot decode");
    }

    private static MimeBodyPart bodyOf(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }
}
