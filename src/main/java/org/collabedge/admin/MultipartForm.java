package org.collabedge.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.servlet.http.HttpServletRequest;

import org.collabedge.config.FieldError;
import org.collabedge.config.ValidationException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.content.InputStreamContentSource;

/**
 * A {@code multipart/form-data} form read straight from the request body with jetty-http's parser, so neither the
 * servlet's multipart configuration (Openfire's PluginServlet has none for plugin pages) nor the container's
 * form-content limit (200 kB in Openfire's console) applies; the caller's own bound does. Every part is read as
 * UTF-8 text (the forms using it upload CSV files). The CSRF token travels in the action URL's query string, where
 * the console's check and ours both find it without reading the body.
 */
final class MultipartForm {

    private MultipartForm() {
    }

    static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, 19);
    }

    /**
     * @param maxBytes largest body accepted; above it the form is refused with {@code tooLargeKey} on {@code field}
     * @return part name to text (the first part of each name)
     */
    static Map<String, String> read(HttpServletRequest request, long maxBytes, String field, String tooLargeKey)
            throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw new ValidationException(new FieldError(field, tooLargeKey, maxBytes >> 20));
        }
        String boundary = MultiPart.extractBoundary(request.getContentType());
        if (boundary == null) {
            throw new ValidationException(new FieldError(field, "error.multipart"));
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setMaxLength(maxBytes);
        parser.setMaxMemoryFileSize(maxBytes); // kept in memory: no temporary files to clean up
        parser.setMaxParts(16);
        try (MultiPartFormData.Parts parts = parser.parse(new InputStreamContentSource(request.getInputStream()))
                .get(60, TimeUnit.SECONDS)) {
            Map<String, String> out = new LinkedHashMap<>();
            for (MultiPart.Part part : parts) {
                out.putIfAbsent(part.getName(), part.getContentAsString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (ExecutionException e) {
            boolean tooLarge = String.valueOf(e.getCause().getMessage()).toLowerCase().contains("max");
            throw new ValidationException(new FieldError(field, tooLarge ? tooLargeKey : "error.multipart",
                    maxBytes >> 20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the upload", e);
        } catch (TimeoutException e) {
            throw new IOException("the upload did not arrive in time", e);
        }
    }
}
