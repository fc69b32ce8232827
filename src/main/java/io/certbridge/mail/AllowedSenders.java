package io.certbridge.mail;

import io.certbridge.shared.Secrets;
import io.certbridge.mail.MailSettings.Sender;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Who may issue by mail: a configured sender whose mail carries its secret (compared in constant time),
 * or, where the sender is trusted on DKIM, a mail that the receiving server (the configured authserv-id)
 * recorded as {@code dkim=pass} for the sender's own domain in Authentication-Results. A From header can be
 * forged; a secret or a DKIM signature cannot.
 */
@Component
class AllowedSenders {

    private static final Pattern DKIM_PASS = Pattern.compile(
            "(?i)\\bdkim\\s*=\\s*pass\\b[^;]*?\\bheader\\.(?:d|i)\\s*=\\s*@?([A-Za-z0-9.-]+)");

    private final Map<String, Sender> senders;
    /** An Authentication-Results header written by the hub's own receiving server; null: none is trusted. */
    private final Pattern ownServer;

    AllowedSenders(MailSettings settings) {
        this.senders = settings.senders().stream().collect(Collectors.toMap(
                sender -> sender.address().toLowerCase(Locale.ROOT), Function.identity()));
        this.ownServer = settings.dkimAuthservId() == null ? null : Pattern.compile(
                "\\s*" + Pattern.quote(settings.dkimAuthservId()) + "[\\s;].*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        senders.values().forEach(sender -> {
            if (sender.secret() == null && !sender.dkim()) {
                throw new IllegalStateException("certbridge.mail.senders: " + sender.address()
                        + " needs a secret, or dkim: true");
            }
        });
    }

    /** The sender, if this mail from {@code address} with {@code secret} (or none) may issue; else why not. */
    Verdict check(String address, String secret, MimeMessage message) throws MessagingException {
        Sender sender = address == null ? null : senders.get(address.toLowerCase(Locale.ROOT));
        if (sender == null) {
            return Verdict.refused("the sender " + address + " is not allowed to issue");
        }
        if (sender.secret() != null && Secrets.same(secret, sender.secret())) {
            return new Verdict(Optional.of(sender), null);
        }
        if (sender.dkim() && dkimPass(message, address.substring(address.indexOf('@') + 1))) {
            return new Verdict(Optional.of(sender), null);
        }
        return Verdict.refused("the mail from " + address + " carries neither its secret nor a DKIM pass");
    }

    private boolean dkimPass(MimeMessage message, String domain) throws MessagingException {
        String[] results = message.getHeader("Authentication-Results");
        if (ownServer == null || results == null) {
            return false;
        }
        return Arrays.stream(results)
                .filter(header -> ownServer.matcher(header).matches())
                .anyMatch(header -> {
                    Matcher pass = DKIM_PASS.matcher(header);
                    while (pass.find()) {
                        if (pass.group(1).equalsIgnoreCase(domain)) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    /** The allowed sender, or the reason the mail was refused (for the log and the record, never a reply). */
    record Verdict(Optional<Sender> sender, String refusal) {
        static Verdict refused(String why) {
            return new Verdict(Optional.empty(), why);
        }
    }
}
