package io.certbridge.emulator.vec;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.certbridge.emulator.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text fields and files of a form body, {@code multipart/form-data} (read from the raw bytes) or
 * {@code application/x-www-form-urlencoded}, as Laravel's request sees them. A name given twice keeps its
 * last value (as PHP does); strings are trimmed, and blank ones count as absent (Laravel's TrimStrings and
 * ConvertEmptyStringsToNull middleware).
 */
record FormInput(Map<String, String> fields, Map<String, FormInput.Upload> files) {

    /** An uploaded file: the name the client gave and the bytes. */
    record Upload(String filename, byte[] content) {
    }

    private static final Pattern NAME = Pattern.compile(";\\s*name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile(";\\s*filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern BOUNDARY = Pattern.compile(";\\s*boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    static FormInput of(RecordedRequest request) {
        FormInput input = new FormInput(new LinkedHashMap<>(), new LinkedHashMap<>());
        String type = request.header("Content-Type");
        String bare = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (bare.startsWith("multipart/form-data")) {
            Matcher boundary = BOUNDARY.matcher(type);
            if (boundary.find()) {
                input.readMultipart(boundary.group(1), request.rawBody());
            }
        } else if (bare.startsWith("application/x-www-form-urlencoded")) {
            request.form().forEach(pair -> input.addField(pair.getKey(), pair.getValue()));
        }
        return input;
    }

    String field(String name) {
        return fields.get(name);
    }

    Upload file(String name) {
        return files.get(name);
    }

    /** Reads the parts on ISO-8859-1 text, whose characters are the bytes one for one, so offsets are byte offsets. */
    private void readMultipart(String boundary, byte[] body) {
        String raw = new String(body, ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = raw.indexOf(delimiter);
        while (at >= 0 && !raw.startsWith("--", at + delimiter.length())) {
            int start = at + delimiter.length();
            int end = raw.indexOf("\r\n" + delimiter, start);
            int headersEnd = raw.indexOf("\r\n\r\n", start);
            if (end < 0 || headersEnd < 0 || headersEnd > end) {
                return;
            }
            String headers = new String(raw.substring(start, headersEnd).getBytes(ISO_8859_1), UTF_8);
            byte[] content = raw.substring(headersEnd + 4, end).getBytes(ISO_8859_1);
            Matcher name = NAME.matcher(headers);
            if (name.find()) {
                Matcher filename = FILENAME.matcher(headers);
                if (filename.find()) {
                    files.put(name.group(1), new Upload(filename.group(1), content));
                } else {
                    addField(name.group(1), new String(content, UTF_8));
                }
            }
            at = end + 2;
        }
    }

    private void addField(String name, String value) {
        String trimmed = value.strip();
        if (!trimmed.isEmpty()) {
            fields.put(name, trimmed);
        }
    }
}
