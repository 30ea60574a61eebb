package org.collabedge.http.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Copies message bodies between client and backend in their HTTP/1.1 framings, within limits. */
final class Bodies {

    static final int BUFFER = 16 * 1024;
    private static final int MAX_CHUNK_LINE = 1024;

    private Bodies() {
    }

    /** Thrown when a request body is larger than allowed (413). */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body too large");
        }
    }

    /** Copies exactly {@code length} bytes (or everything up to EOF when negative), refusing more than {@code limit}. */
    static long copy(InputStream in, OutputStream out, long length, long limit) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        while (length < 0 || total < length) {
            int want = length < 0 ? buffer.length : (int) Math.min(buffer.length, length - total);
            int n = in.read(buffer, 0, want);
            if (n < 0) {
                if (length >= 0) {
                    throw new IOException("body ended early");
                }
                break;
            }
            total += n;
            if (total > limit) {
                throw new TooLarge();
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    /** Writes the client's body to the backend in chunked framing, starting with bytes already read. */
    static void copyChunked(byte[] first, int firstLength, InputStream in, OutputStream out, long limit)
            throws IOException {
        long total = firstLength;
        writeChunk(out, first, firstLength);
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > limit) {
                throw new TooLarge();
            }
            writeChunk(out, buffer, n);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeChunk(OutputStream out, byte[] data, int length) throws IOException {
        if (length > 0) {
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, 0, length);
            out.write('\r');
            out.write('\n');
        }
    }

    /** Decodes a chunked backend body onto the client stream (which re-frames it); trailers are dropped. */
    static void copyDechunked(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        while (true) {
            String line = line(in);
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new BadBackendResponse("bad chunk size");
            }
            if (size < 0 || hex.isEmpty() || hex.length() > 15) {
                throw new BadBackendResponse("bad chunk size");
            }
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers are not forwarded
                }
                return;
            }
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new BadBackendResponse("truncated chunk");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            if (!line(in).isEmpty()) {
                throw new BadBackendResponse("chunk not followed by CRLF");
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new BadBackendResponse("truncated chunked body");
            }
            if (sb.length() > MAX_CHUNK_LINE) {
                throw new BadBackendResponse("chunk line too long");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }
}
