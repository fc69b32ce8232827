package io.certbridge.trustedform;

/**
 * A Lead's TrustedForm certificate as one Salesforce event gives it: where it came from ({@code channel}, and the
 * event's id when it has one), the Lead's id, the certificate's URL, and the values a retain sends (the vendor,
 * the lead's e-mail and phone to match), each null when the event lacks it.
 */
record LeadCertificate(String channel, String eventId, String leadId, String certificateUrl, String vendor,
                       String email, String phone) {
}
