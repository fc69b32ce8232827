package io.certbridge.mail;

import io.certbridge.mail.IssuanceMail.Row;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an issuance e-mail: the subject "Issue: &lt;template id or name&gt;", and the recipients either as
 * blocks of "Key: value" lines in the plain-text body or as a CSV attachment, which then takes the body's
 * place. The sender's secret comes at the end of the subject as "[secret &lt;value&gt;]" or in a body block
 * of its own. Whatever is wrong with the mail comes back as problems in words, for the reply to the sender.
 */
public final class IssuanceMailReader {

    private final long maxAttachmentBytes;
    private final int maxRecipients;
    /** One more than the limit, to tell that it is exceeded without reading a flood in full. */
    private final int readAtMost;

    /** {@code maxAttachmentBytes} limits the CSV attachment and the plain-text body alike, as decoded. */
    public IssuanceMailReader(long maxAttachmentBytes, int maxRecipients) {
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.maxRecipients = maxRecipients;
        this.readAtMost = (int) Math.min(Integer.MAX_VALUE, maxRecipients + 1L);
    }

    /**
     * The mail's request; {@code templateFields} gives the field names of the template the subject names, or
     * nothing when there is no such template. Throws only when the message itself cannot be read (a closed
     * folder, a lost connection), never for what the mail says.
     */
    public IssuanceMail read(MimeMessage message, Function<String, Optional<List<String>>> templateFields)
            throws MessagingException, IOException {
        Optional<IssuanceSubject> subject = IssuanceSubject.parse(message.getSubject());
        MailContent content = MailContent.read(message, maxAttachmentBytes);
        List<String> problems = new ArrayList<>();
        if (subject.isEmpty()) {
            problems.add(IssuanceSubject.PROBLEM);
        }
        problems.addAll(content.problems());
        String secret = secret(subject, content.body(), problems);
        String templateRef = subject.map(IssuanceSubject::templateRef).orElse(null);
        Optional<List<String>> fields = subject.isEmpty() ? Optional.empty() : templateFields.apply(templateRef);
        if (subject.isPresent() && fields.isEmpty()) {
            problems.add("No template " + templateRef);
        }
        if (!problems.isEmpty()) {
            return new IssuanceMail(templateRef, secret, List.of(), problems);
        }
        List<Row> rows = rows(content, new TemplateKeys(templateRef, fields.get()), problems);
        return new IssuanceMail(templateRef, secret, rows, problems);
    }

    private List<Row> rows(MailContent content, TemplateKeys keys, List<String> problems) {
        List<Row> rows;
        if (content.csv() != null) {
            CsvRecipients csv = CsvRecipients.read(content.csv(), content.csvLabel(), keys, readAtMost);
            problems.addAll(csv.problems());
            rows = csv.rows();
        } else {
            rows = content.body().rows(keys, readAtMost);
        }
        if (rows.size() > maxRecipients) {
            problems.add(String.format(Locale.ROOT, "The mail names more than %,d recipients, the most one mail "
                    + "may name; send them in several mails", maxRecipients));
            return List.of();
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("The mail names no recipients");
        }
        return rows;
    }

    /** The secret from the subject or the body; two different ones are a problem rather than a guess. */
    private static String secret(Optional<IssuanceSubject> subject, BodyBlocks body, List<String> problems) {
        Set<String> secrets = new LinkedHashSet<>();
        subject.map(IssuanceSubject::secret).ifPresent(secrets::add);
        body.secrets().stream().filter(secret -> !secret.isEmpty()).forEach(secrets::add);
        if (secrets.size() > 1) {
            problems.add("The mail gives " + secrets.size() + " different secrets; give the secret once");
            return null;
        }
        return secrets.stream().findFirst().orElse(null);
    }
}
