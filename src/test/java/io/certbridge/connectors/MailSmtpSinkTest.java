package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.certbridge.support.FreePort;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ConnectException;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mail-smtp-sink Kamelet against a real SMTP server (GreenMail), set up as the hub sets it up: the
 * camel.kamelet.mail-smtp-sink.* settings, where an unset user name is left out. Without a user name no AUTH
 * is sent, so a relay that takes mail without a login takes it; with one, the hub logs in, which GreenMail
 * refuses with 535 when the password is wrong. The message goes out as composed, with its own Message-ID (by which
 * a bounce finds its delivery); a server that is not there is thrown. Each test has a Camel context of its own,
 * since the Kamelet's settings differ between them.
 */
class MailSmtpSinkTest {

    private static final String USER = "hub";
    /** Characters that would break an endpoint URI if the password were not passed raw. */
    private static final String PASSWORD = "p+w&d=%20 x";

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        smtp.setUser("hub@hub.test", USER, PASSWORD);
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private void send(String username, String password) throws Exception {
        send(smtp.getSmtp().getPort(), username, password, mail());
    }

    private static void send(int port, String username, String password, MimeMessage mail) throws Exception {
        Properties settings = new Properties();
        settings.put("camel.kamelet.mail-smtp-sink.protocol", "smtp");
        settings.put("camel.kamelet.mail-smtp-sink.host", "127.0.0.1");
        settings.put("camel.kamelet.mail-smtp-sink.port", String.valueOf(port));
        if (username != null) {
            settings.put("camel.kamelet.mail-smtp-sink.username", username);
            settings.put("camel.kamelet.mail-smtp-sink.password", password);
        }
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(settings);
            camel.start();
            camel.createProducerTemplate().sendBody("kamelet:mail-smtp-sink?noErrorHandler=true", mail);
        }
    }

    private static MimeMessage mail() throws MessagingException {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress("certificates@hub.test"));
        mail.setRecipients(MimeMessage.RecipientType.TO, "registrar@school.test");
        mail.setSubject("Re: Issue: Python 101");
        mail.setText("1 of 1 certificate(s) issued.");
        return mail;
    }

    @Test
    void withoutAUserNameARelayThatNeedsNoLoginTakesTheMail() throws Exception {
        send(null, null);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Re: Issue: Python 101");
    }

    @Test
    void withAUserNameTheHubLogsInWithItsPassword() throws Exception {
        send(USER, PASSWORD);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void withAUserNameAndAWrongPasswordTheServerRefusesTheLogin() {
        assertThatThrownBy(() -> send(USER, "not-the-password"))
                .rootCause().isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void theMessageGoesOutAsComposedWithItsOwnMessageId() throws Exception {
        MimeMessage certificate = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<3f7c9e1a.delivery@certbridge>");
            }
        };
        certificate.setFrom(new InternetAddress("certificates@hub.test"));
        certificate.setRecipients(MimeMessage.RecipientType.TO, "ada@school.test");
        certificate.setSubject("Your certificate: Python 101");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("See and share it: https://hub.example/verify/cert_1");
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setContent(new byte[] {'%', 'P', 'D', 'F'}, "application/pdf");
        pdf.setFileName("certificate.pdf");
        certificate.setContent(new MimeMultipart(text, pdf));

        send(smtp.getSmtp().getPort(), USER, PASSWORD, certificate);

        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getMessageID()).isEqualTo("<3f7c9e1a.delivery@certbridge>");
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("ada@school.test");
        assertThat(received.getSubject()).isEqualTo("Your certificate: Python 101");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("certificate.pdf");
    }

    @Test
    void aServerThatIsNotThereIsThrown() {
        assertThatThrownBy(() -> send(FreePort.closed(), USER, PASSWORD, mail()))
                .rootCause().isInstanceOf(ConnectException.class);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }
}
