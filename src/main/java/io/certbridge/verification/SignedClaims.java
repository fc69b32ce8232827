package io.certbridge.verification;

import io.certbridge.credential.CanonicalForm;
import io.certbridge.credential.InvalidCredentialException;
import io.certbridge.credential.JsonLdContexts;
import io.certbridge.credential.XsdDateTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a credential states about itself, read from the quads its proof signs: many JSON spellings
 * give the same quads, so reading the JSON would let a changed spelling hide a status or a date.
 */
record SignedClaims(String credentialId, String issuer, Instant validFrom, Instant validUntil,
                    List<StatusEntry> statusEntries) {

    /** One credentialStatus entry; any part may be null when the credential does not give it once. */
    record StatusEntry(List<String> types, String purpose, String index, String listCredential) {
    }

    static final String VC = "https://www.w3.org/2018/credentials#";
    static final String STATUS = "https://www.w3.org/ns/credentials/status#";
    /** Status List 2021, which Bitstring Status List replaced; other issuers' Verifiable Credentials 1.1 use it. */
    static final String STATUS_LIST_2021 = "https://w3id.org/vc/status-list#";
    private static final String XSD_DATE_TIME = "http://www.w3.org/2001/XMLSchema#dateTime";

    static SignedClaims read(CanonicalForm form) throws InvalidCredentialException {
        refuseUnmapped(form);
        List<String> credentials = form.subjectsOfType(VC + "VerifiableCredential");
        if (credentials.size() != 1) {
            throw new InvalidCredentialException("the document must describe exactly one VerifiableCredential");
        }
        String credential = credentials.get(0);
        String issuer = form.single(credential, VC + "issuer")
                .orElseThrow(() -> new InvalidCredentialException("the credential must name exactly one issuer"));
        List<StatusEntry> entries = new ArrayList<>();
        for (String entry : form.objects(credential, VC + "credentialStatus")) {
            List<String> types = form.objects(entry, CanonicalForm.RDF_TYPE);
            String vocabulary = types.equals(List.of(STATUS_LIST_2021 + "StatusList2021Entry")) ? STATUS_LIST_2021 : STATUS;
            entries.add(new StatusEntry(types,
                    form.single(entry, vocabulary + "statusPurpose").orElse(null),
                    form.single(entry, vocabulary + "statusListIndex").orElse(null),
                    form.single(entry, vocabulary + "statusListCredential").orElse(null)));
        }
        // Verifiable Credentials 1.1 said issuanceDate and expirationDate
        Instant from = date(form, credential, "validFrom");
        Instant until = date(form, credential, "validUntil");
        return new SignedClaims(credential.startsWith("_:") ? null : credential, issuer,
                from != null ? from : date(form, credential, "issuanceDate"),
                until != null ? until : date(form, credential, "expirationDate"), entries);
    }

    private static Instant date(CanonicalForm form, String credential, String property)
            throws InvalidCredentialException {
        List<CanonicalForm.Quad> values = form.quads().stream()
                .filter(q -> q.subject().equals(credential) && q.predicate().equals(VC + property)).toList();
        if (values.isEmpty()) {
            return null;
        }
        Optional<Instant> instant = values.size() == 1 && XSD_DATE_TIME.equals(values.get(0).datatype())
                ? XsdDateTime.parse(values.get(0).object()) : Optional.empty();
        return instant.orElseThrow(() -> new InvalidCredentialException(
                property + " must be one XML Schema dateTime with a time zone"));
    }

    /** Terms that no context defines fall to the fallback vocabulary; no proof covers them. */
    private static void refuseUnmapped(CanonicalForm form) throws InvalidCredentialException {
        TreeSet<String> unmapped = new TreeSet<>();
        for (CanonicalForm.Quad quad : form.quads()) {
            if (quad.predicate().startsWith(JsonLdContexts.UNMAPPED)) {
                unmapped.add(quad.predicate().substring(JsonLdContexts.UNMAPPED.length()));
            } else if (quad.predicate().equals(CanonicalForm.RDF_TYPE) && quad.object().startsWith(JsonLdContexts.UNMAPPED)) {
                unmapped.add(quad.object().substring(JsonLdContexts.UNMAPPED.length()));
            }
        }
        if (!unmapped.isEmpty()) {
            throw new InvalidCredentialException(
                    "properties or types that no context defines, so no proof can cover them: " + String.join(", ", unmapped));
        }
    }
}
