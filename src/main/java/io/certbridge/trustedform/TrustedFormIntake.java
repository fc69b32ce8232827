package io.certbridge.trustedform;

import io.certbridge.backbone.DatabaseOutages;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.salesforce.SalesforceSettings;
import io.certbridge.salesforce.SalesforceSubscriber;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Json;
import io.certbridge.trustedform.TrustedFormSettings.Channel;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the Lead events of the TrustedForm channels (subscribed by the Salesforce intake, which stores their replay
 * ids): each certificate URL is stored once, and its retain planned as a delivery ({@link TrustedFormRetainConnector},
 * keyed by the URL, so a URL heard again, from a replay or another event of the Lead, retains nothing twice). A URL
 * that does not start with the allowed prefix is stored as refused and never called: the call would hand the API key
 * to whoever answers it.
 */
@Component
class TrustedFormIntake implements SalesforceSubscriber {

    static final String CHANNEL = "trustedform";

    private static final Logger log = LoggerFactory.getLogger(TrustedFormIntake.class);

    private final TrustedFormSettings settings;
    private final LeadEvents events;
    private final Retains retains;
    private final LeadUpdates leads;
    private final DeliveryQueue deliveries;
    private final TransactionTemplate transaction;
    private final Json json;

    TrustedFormIntake(TrustedFormSettings settings, SalesforceSettings salesforce, LeadEvents events, Retains retains,
                      LeadUpdates leads, DeliveryQueue deliveries, TransactionTemplate transaction, Json json) {
        if (settings.enabled() && salesforce.loginUrl() == null) {
            throw new IllegalStateException("certbridge.trustedform.channels take Lead events from Salesforce: set "
                    + "certbridge.salesforce.login-url (and its auth) too, or remove the TrustedForm channels");
        }
        this.settings = settings;
        this.events = events;
        this.retains = retains;
        this.leads = leads;
        this.deliveries = deliveries;
        this.transaction = transaction;
        this.json = json;
    }

    @Override
    public List<String> channels() {
        return settings.channels().stream().map(Channel::name).toList();
    }

    @Override
    public void accept(String channel, String message) throws InterruptedException {
        Optional<LeadCertificate> lead;
        try {
            lead = events.read(settings.channel(channel), message);
        } catch (LeadEvents.Unreadable e) {
            log.warn("Skipped an event on {} that cannot be read: {}", channel, e.getMessage());
            return;
        }
        if (lead.isPresent()) {
            DatabaseOutages.retry(() -> transaction.executeWithoutResult(status -> take(lead.get())));
        }
    }

    private void take(LeadCertificate lead) {
        if (!allowed(lead.certificateUrl())) {
            String detail = "The certificate URL does not start with " + settings.allowedUrlPrefix()
                    + ": not called, as the call would send the API key there";
            retains.create(lead, "refused", detail).ifPresent(id -> {
                log.warn("TrustedForm retain {} of Lead {} refused: {}", id, lead.leadId(), detail);
                leads.plan(id, lead.channel(), lead.leadId(), false, null, "refused");
            });
            return;
        }
        retains.create(lead, "pending", null).ifPresent(id -> deliveries.plan(List.of(new PlannedDelivery(
                "trustedform/retain/" + lead.certificateUrl(), "dlv", TrustedFormRetainConnector.NAME, Environment.LIVE,
                null, CHANNEL, target(id, lead), request(lead),
                id))));
    }

    private static Map<String, Object> target(String retainId, LeadCertificate lead) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("retain_id", retainId);
        target.put("certificate_url", lead.certificateUrl());
        target.put("channel", lead.channel());
        target.put("lead_id", lead.leadId());
        return target;
    }

    /** Starts with the prefix, and is a URL as it stands (no spaces or line breaks to smuggle a header). */
    private boolean allowed(String url) {
        try {
            return url.startsWith(settings.allowedUrlPrefix()) && new URI(url).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The operations asked of TrustedForm: match the lead's e-mail and phone; retain, the Lead as reference. */
    private String request(LeadCertificate lead) {
        Map<String, Object> matchLead = new LinkedHashMap<>();
        put(matchLead, "email", lead.email());
        put(matchLead, "phone", lead.phone());
        Map<String, Object> retain = new LinkedHashMap<>();
        put(retain, "reference", lead.leadId());
        put(retain, "vendor", lead.vendor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("match_lead", matchLead);
        body.put("retain", retain);
        return json.write(body);
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
