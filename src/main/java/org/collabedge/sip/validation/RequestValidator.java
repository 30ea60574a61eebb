package org.collabedge.sip.validation;

import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.sip.header.CSeqHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * The checks of RFC 3261 sections 8.2 and 16.3 that the stack's parser leaves to us, run on every request before a
 * transaction exists: unknown URI schemes (416), Max-Forwards exhausted (483), loops back through this edge (482),
 * a CSeq method that contradicts the request line, and more headers than any client sends (400).
 */
public final class RequestValidator {

    /** More headers than this in one request is an attack or a broken client. */
    public static final int MAX_HEADERS = 120;

    private static final Set<String> SCHEMES = Set.of("sip", "sips", "tel");

    private final Supplier<Set<String>> ownSentBy;

    /** @param ownSentBy "host:port" of each of this edge's listeners, as it writes them in its Via headers */
    public RequestValidator(Supplier<Set<String>> ownSentBy) {
        this.ownSentBy = ownSentBy;
    }

    public Optional<Refusal> check(Request request) {
        String scheme = request.getRequestURI().getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return refuse(416, "Unsupported URI Scheme " + printable(scheme));
        }
        if (request.getHeader("Call-ID") == null || request.getHeader("From") == null
                || request.getHeader("To") == null || request.getHeader(ViaHeader.NAME) == null) {
            return refuse(400, "Missing Mandatory Header");
        }
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        if (cseq == null || !cseq.getMethod().equals(request.getMethod())) {
            return refuse(400, "CSeq method does not match the request line");
        }
        if (headerCount(request) > MAX_HEADERS) {
            return refuse(400, "Too many headers");
        }
        if (request.getMethod().equals(Request.REGISTER)) {
            return Optional.empty();
        }
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf != null && mf.getMaxForwards() <= 0) {
            return refuse(483, "Too Many Hops");
        }
        if (loops(request)) {
            return refuse(482, "Loop Detected");
        }
        return Optional.empty();
    }

    /** A request that already passed this edge unchanged carries one of its Via headers with the same hash. */
    private boolean loops(Request request) {
        Set<String> own = ownSentBy.get();
        Iterator<?> vias = request.getHeaders(ViaHeader.NAME);
        while (vias.hasNext()) {
            ViaHeader via = (ViaHeader) vias.next();
            int port = via.getPort();
            String sentBy = via.getHost().toLowerCase(Locale.ROOT) + ":" + (port > 0 ? port : 5060);
            if (own.contains(sentBy) && via.getBranch() != null
                    && via.getBranch().startsWith(EDGE_BRANCH + LoopHash.of(request))) {
                return true;
            }
        }
        return false;
    }

    /** Prefix of the branch parameter of every Via this edge adds (after RFC 3261's magic cookie). */
    public static final String EDGE_BRANCH = "z9hG4bK-ce-";

    private static int headerCount(Request request) {
        int n = 0;
        Iterator<?> names = request.getHeaderNames();
        while (names.hasNext()) {
            Iterator<?> values = request.getHeaders((String) names.next());
            while (values.hasNext()) {
                values.next();
                n++;
            }
        }
        return n;
    }

    private static String printable(String s) {
        String cut = s.length() > 20 ? s.substring(0, 20) : s;
        return cut.replaceAll("[^a-z0-9+.-]", "?");
    }

    private static Optional<Refusal> refuse(int status, String reason) {
        return Optional.of(new Refusal(status, reason));
    }
}
