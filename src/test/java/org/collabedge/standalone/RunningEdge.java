package org.collabedge.standalone;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A standalone host started for a test on a free admin port, and an HTTP client that uses its pages the way a
 * browser does: a cookie jar, the login form, and the CSRF token copied from each page into the next form.
 */
final class RunningEdge implements AutoCloseable {

    static final String ADMIN_PASSWORD = "correct horse battery";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final Path data;
    final StandaloneHost host;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    RunningEdge(Path data) throws Exception {
        this.data = data;
        Files.createDirectories(data);
        if (!Files.exists(data.resolve(StandaloneSettings.FILE))) {
            Files.writeString(data.resolve(StandaloneSettings.FILE),
                    "admin.port=0\nadmin.password=" + ADMIN_PASSWORD + "\nnode.id=test-node\n");
        }
        host = new StandaloneHost(StandaloneSettings.load(data), Clock.systemUTC());
        host.start();
    }

    URI uri(String path) {
        return URI.create(host.adminUrl() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a page's form with the CSRF token the page handed out, as the browser would. */
    HttpResponse<String> submit(String page, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf", csrfOf(get(page).body()));
        return post(page, form);
    }

    /**
     * Posts a page's form as multipart/form-data with one file part named "file", as a browser uploads a file; the
     * CSRF token goes in the query string (the page's form action carries it there).
     */
    HttpResponse<String> upload(String page, Map<String, String> fields, String fileName, String fileContent)
            throws IOException, InterruptedException {
        String boundary = "----collabedge" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName).append("\"\r\nContent-Type: text/csv\r\n\r\n").append(fileContent).append("\r\n--")
                .append(boundary).append("--\r\n");
        String csrf = csrfOf(get(page).body());
        return http.send(HttpRequest.newBuilder(uri(page + "?csrf=" + enc(csrf)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    RunningEdge login() throws IOException, InterruptedException {
        HttpResponse<String> r = post("login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
        if (r.statusCode() != 302) {
            throw new AssertionError("login failed: " + r.statusCode());
        }
        return this;
    }

    static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("page has no csrf field");
        }
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        host.stop();
    }
}
