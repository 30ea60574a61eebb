package org.collabedge.sip.validation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

/**
 * RFC 3261 16.6 step 8: the edge's Via branch carries a hash of what identifies a request's path (Request-URI,
 * tags, Call-ID, CSeq). A request that returns carrying that same hash is a loop (482); one that comes back changed,
 * such as after internal call control's location lookup, is a legitimate spiral. The Route set counts too: an
 * in-dialog request that passes the edge, call control and the edge again keeps its Request-URI but has used up a
 * Route entry on the way, so it spirals rather than loops.
 */
public final class LoopHash {

    /** One SHA-256 per thread: MessageDigest.getInstance looks up the provider on every call. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private LoopHash() {
    }

    public static String of(Request request) {
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        String key = request.getRequestURI() + "|" + (from == null ? "" : from.getTag()) + "|"
                + (to == null ? "" : to.getTag()) + "|" + (callId == null ? "" : callId.getCallId()) + "|"
                + (cseq == null ? "" : cseq.getSeqNumber()) + "|" + routes(request);
        byte[] d = SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8)); // digest() resets it
        return HexFormat.of().formatHex(d, 0, 6);
    }

    private static String routes(Request request) {
        StringBuilder b = new StringBuilder();
        for (java.util.Iterator<?> it = request.getHeaders(javax.sip.header.RouteHeader.NAME); it.hasNext(); ) {
            b.append(((javax.sip.header.RouteHeader) it.next()).getAddress().getURI()).append(',');
        }
        return b.toString();
    }
}
