package io.certbridge.credential;

import io.certbridge.shared.problems.NotAcceptable;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The media types a public JSON-LD document is served as, and the choice among them for a request's Accept
 * header. Verifiers send whatever their libraries send (jsonld.js and did:web resolvers: "application/ld+json,
 * application/json"), so any Accept that admits JSON or JSON-LD gets the document, labelled with the type it
 * prefers most (RFC 9110 §12.5.1), of equal preference the most specific.
 */
public enum LinkedDataMediaTypes {

    /** DID Core's JSON-LD type, then its plain JSON type. */
    DID_DOCUMENT("application/did+ld+json", "application/did+json", "application/ld+json", "application/json"),
    /**
     * VC 2.0's application/vc and the older application/vc+ld+json; of equal preference the older one, which
     * generic JSON tooling recognises by its +json suffix.
     */
    CREDENTIAL("application/vc+ld+json", "application/vc", "application/ld+json", "application/json");

    private final List<MediaType> types;

    LinkedDataMediaTypes(String... mostSpecificFirst) {
        this.types = Stream.of(mostSpecificFirst).map(MediaType::parseMediaType).toList();
    }

    /** A 200 labelled for {@code accept} (null when the request has none); 406 when it admits no JSON. */
    public ResponseEntity.BodyBuilder ok(String accept) {
        return ResponseEntity.ok().contentType(negotiate(accept)).varyBy(HttpHeaders.ACCEPT);
    }

    MediaType negotiate(String accept) {
        List<MediaType> ranges = ranges(accept);
        MediaType best = null;
        double bestQuality = 0;
        for (MediaType type : types) {
            double quality = quality(type, ranges);
            if (quality > bestQuality) {
                best = type;
                bestQuality = quality;
            }
        }
        if (best != null) {
            return best;
        }
        // Asked as JSON of another kind (a DID document as application/vc, say): still JSON, labelled as what it is.
        if (ranges.stream().anyMatch(range -> range.getQualityValue() > 0 && isJson(range))) {
            return types.getFirst();
        }
        throw notAcceptable();
    }

    private List<MediaType> ranges(String accept) {
        if (accept == null || accept.isBlank()) {
            return List.of(MediaType.ALL);
        }
        try {
            return MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw notAcceptable();
        }
    }

    /** The quality that the most specific range including {@code type} gives it; 0 when none does. */
    private static double quality(MediaType type, List<MediaType> ranges) {
        return ranges.stream().filter(range -> range.includes(type))
                .max(Comparator.comparingInt(LinkedDataMediaTypes::specificity))
                .map(MediaType::getQualityValue).orElse(0.0);
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
    }

    private static boolean isJson(MediaType range) {
        return "application".equals(range.getType()) && ("json".equals(range.getSubtype())
                || "json".equals(range.getSubtypeSuffix()) || "vc".equals(range.getSubtype()));
    }

    private NotAcceptable notAcceptable() {
        return new NotAcceptable("This document is served as "
                + types.stream().map(MediaType::toString).collect(Collectors.joining(", ")));
    }
}
