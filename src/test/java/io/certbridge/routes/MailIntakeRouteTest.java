package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.certbridge.camel.TemplatedRoutes;
import io.certbridge.mail.MailIssuance;
import io.certbridge.mail.MailReplies;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/mail-intake on its own, against a real IMAP server (GreenMail): each mail of the inbox is handed to the
 * intake once and moved to the folder it names, never deleted; the replies are sent one by one through the SMTP
 * Kamelet, and one the server refused is handed back as failed without holding back the others.
 */
@CamelSpringBootTest
@DirtiesContext
@SpringBootTest(classes = RouteTestContext.class, properties = {
        RouteTestContext.NO_DATABASE, RouteTestContext.NO_KAFKA,
        RouteTestContext.ROUTES + "classpath:camel/routes/mail-intake.camel.yaml",
        "certbridge.mail.inbox.protocol=imap", "certbridge.mail.inbox.host=127.0.0.1",
        "certbridge.mail.inbox.username=" + MailIntakeRouteTest.INBOX,
        "certbridge.mail.inbox.password=" + MailIntakeRouteTest.PASSWORD,
        "certbridge.mail.inbox.poll-interval-ms=100",
        // the replies' Kamelet is replaced in the test, but is made with the route
        "certbridge.mail.smtp.host=127.0.0.1"})
class MailIntakeRouteTest {

    static final String INBOX = "certificates@university.test";
    static final String PASSWORD = "inbox-password";

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(INBOX, INBOX, PASSWORD))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void inbox(DynamicPropertyRegistry registry) {
        registry.add("certbridge.mail.inbox.port", () -> mail.getImap().getPort());
    }

    @MockitoBean(name = "mailIssuance")
    MailIssuance intake;

    @MockitoBean(name = "mailReplies")
    MailReplies replies;

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Test
    void takesEachMailOnceAndMovesItToTheFolderTheIntakeNames() throws Exception {
        List<String> taken = new ArrayList<>();
        doAnswer(call -> {
            Exchange exchange = call.getArgument(0);
            String subject = exchange.getIn(MailMessage.class).getOriginalMessage().getSubject();
            taken.add(subject);
            exchange.getIn().setHeader(MailConstants.MAIL_MOVE_TO,
                    subject.startsWith("Issue:") ? "certbridge/processed" : "certbridge/rejected");
            return null;
        }).when(intake).receive(any(Exchange.class));

        deliver("Issue: Analytical Engines");
        deliver("Free watches");
        TemplatedRoutes.add(camel, "mail-intake", "mail-intake", Map.of());

        // reading may fail while the route moves a mail, hence ignoreExceptions
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> messagesIn("INBOX").isEmpty()
                && messagesIn("certbridge/processed").size() + messagesIn("certbridge/rejected").size() == 2);
        Thread.sleep(500);
        verify(intake, times(2)).receive(any(Exchange.class));
        assertThat(taken).containsExactlyInAnyOrder("Issue: Analytical Engines", "Free watches");
        assertThat(messagesIn("certbridge/processed")).containsExactly("Issue: Analytical Engines");
        assertThat(messagesIn("certbridge/rejected")).containsExactly("Free watches");
    }

    @Test
    void sendsEachReplyAndHandsOneTheServerRefusedBackAsFailed() throws Exception {
        TemplatedRoutes.add(camel, "mail-intake-replies", "mail-intake-replies", Map.of());
        AdviceWith.adviceWith(camel, "mail-intake-replies", route -> {
            route.replaceFromWith("direct:mail-intake-replies");
            route.weaveByToUri("kamelet:mail-smtp-sink").replace().to("mock:smtp");
        });
        MockEndpoint smtp = camel.getEndpoint("mock:smtp", MockEndpoint.class);
        smtp.expectedBodiesReceived("reply to mail A", "reply to mail B", "reply to mail C");
        smtp.whenExchangeReceived(2, exchange -> {
            throw new SendFailedException("554 5.7.1 relay refused");
        });
        doReturn(List.of("reply to mail A", "reply to mail B", "reply to mail C")).when(replies).due();

        producer.sendBody("direct:mail-intake-replies", null);

        smtp.assertIsSatisfied();
        verify(replies, times(2)).sent(any(Exchange.class));
        ArgumentCaptor<Exchange> failed = ArgumentCaptor.forClass(Exchange.class);
        verify(replies, timeout(1_000)).failed(failed.capture());
        assertThat(failed.getValue().getMessage().getBody(String.class)).isEqualTo("reply to mail B");
        assertThat(failed.getValue().getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .isInstanceOf(SendFailedException.class);
    }

    private static void deliver(String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("registrar@university.test"));
        message.setRecipients(Message.RecipientType.TO, INBOX);
        message.setSubject(subject);
        message.setText("Ada Lovelace, ada@example.org");
        message.saveChanges();
        mail.getUserManager().getUserByEmail(INBOX).deliver(message);
    }

    /** The subjects of the mails in a folder of the inbox's mailbox (none when the folder does not exist). */
    private static List<String> messagesIn(String folder) throws MessagingException {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), INBOX, PASSWORD);
        try {
            Folder box = store.getFolder(folder);
            if (!box.exists()) {
                return List.of();
            }
            box.open(Folder.READ_ONLY);
            try {
                List<String> subjects = new ArrayList<>();
                for (Message message : box.getMessages()) {
                    subjects.add(message.getSubject());
                }
                return subjects;
            } finally {
                box.close(false);
            }
        } finally {
            store.close();
        }
    }
}
