package io.certbridge.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A POST the load generator sends: its path with any query, its headers besides Host and Content-Length, its body. */
record BenchmarkRequest(String path, Map<String, String> headers, String body) {

    byte[] bytes(String host) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\nContent-Length: ").append(content.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[start.length + content.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(content, 0, request, start.length, content.length);
        return request;
    }
}
