package org.collabedge.sip.registrar;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.collabedge.sip.SipMessages;
import org.collabedge.sip.config.SipSettings;
import org.collabedge.sip.transport.Flow;

/**
 * The registrar of edge-owned domains (RFC 3261 section 10.3): adds, refreshes and removes bindings for an
 * authenticated user, enforces the configured expiry bounds (423 below the minimum), and answers with the full
 * binding list. Supports several contacts per address, q-values, Path (RFC 3327) and RFC 5626 instance ids.
 */
public final class Registrar {

    private final LocationStore location;
    private final SipMessages sip;
    private final Supplier<SipSettings> settings;
    private final Clock clock;
    private final String nodeId;
    private final RegistrationListener listener;

    public Registrar(LocationStore location, SipMessages sip, Supplier<SipSettings> settings, Clock clock,
                     String nodeId, RegistrationListener listener) {
        this.location = location;
        this.sip = sip;
        this.settings = settings;
        this.clock = clock;
        this.nodeId = nodeId;
        this.listener = listener;
    }

    /** Handles a REGISTER already authenticated for {@code user} of {@code domain}, which it came over {@code flow}. */
    public Response register(Request request, String user, String domain, Flow flow) {
        SipSettings s = settings.get();
        String aor = LocationStore.aor(user, domain);
        List<ContactHeader> contacts = contacts(request);
        ExpiresHeader expiresHeader = request.getExpires();
        int defaultExpires = expiresHeader != null ? expiresHeader.getExpires() : s.defaultExpiresSeconds();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        long now = clock.millis();
        boolean wildcard = contacts.stream().anyMatch(ContactHeader::isWildCard);
        if (wildcard && (contacts.size() != 1 || defaultExpires != 0)) {
            return sip.response(Response.BAD_REQUEST, "Contact * needs Expires: 0 and no other contact", request);
        }
        List<Binding> incoming = new ArrayList<>();
        for (ContactHeader c : wildcard ? List.<ContactHeader>of() : contacts) {
            int expires = c.getExpires() >= 0 ? c.getExpires() : defaultExpires;
            if (expires > 0 && expires < s.minExpiresSeconds()) {
                Response tooBrief = sip.response(Response.INTERVAL_TOO_BRIEF, null, request);
                sip.add(tooBrief, "Min-Expires", Integer.toString(s.minExpiresSeconds()));
                return tooBrief;
            }
            expires = Math.min(expires, s.maxExpiresSeconds());
            float q = c.getQValue() < 0 ? 1f : c.getQValue();
            String instance = c.getParameter("+sip.instance");
            incoming.add(new Binding(c.getAddress().getURI().toString(), q, now + expires * 1000L, callId, cseq,
                    SipMessages.values(request, "Path"), flow, nodeId, userAgent(request),
                    instance == null ? "" : instance, false));
        }
        int before = location.lookup(aor).size();
        List<Binding> after = contacts.isEmpty() ? location.lookup(aor) : location.update(aor, current -> {
            if (wildcard) {
                return List.of();
            }
            List<Binding> next = new ArrayList<>(current);
            for (Binding b : incoming) {
                next.removeIf(existing -> existing.sameContactAs(b));
                if (b.expiresAt() > now) {
                    next.add(b);
                }
            }
            return next;
        });
        notifyChange(user, domain, before, after.size());
        return ok(request, after, now);
    }

    private Response ok(Request request, List<Binding> bindings, long now) {
        Response ok = sip.response(Response.OK, null, request);
        for (Binding b : bindings) {
            long left = Math.max(0, (b.expiresAt() - now) / 1000);
            sip.add(ok, ContactHeader.NAME, "<" + b.contact() + ">;expires=" + left
                    + (b.q() < 1f ? ";q=" + b.q() : "")
                    + (b.instance().isEmpty() ? "" : ";+sip.instance=\"" + b.instance().replace("\"", "") + "\""));
        }
        for (String path : SipMessages.values(request, "Path")) {
            sip.add(ok, "Path", path);
        }
        if (request.getHeader("Supported") != null
                && SipMessages.values(request, "Supported").stream().anyMatch(v -> v.contains("outbound"))) {
            sip.add(ok, "Require", "outbound");
            sip.add(ok, "Flow-Timer", Integer.toString(settings.get().flowTimerSeconds()));
        }
        return ok;
    }

    private void notifyChange(String user, String domain, int before, int after) {
        if (before == 0 && after > 0) {
            listener.registered(user, domain);
        } else if (before > 0 && after == 0) {
            listener.unregistered(user, domain);
        }
    }

    private static List<ContactHeader> contacts(Request request) {
        List<ContactHeader> out = new ArrayList<>();
        Iterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it.hasNext()) {
            out.add((ContactHeader) it.next());
        }
        return out;
    }

    private static String userAgent(Request request) {
        UserAgentHeader ua = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        return ua == null ? "" : String.join(" ", toStrings(ua.getProduct()));
    }

    private static List<String> toStrings(java.util.ListIterator<?> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(o -> out.add(o.toString()));
        return out;
    }

    /** The domain of a request's To header (what a REGISTER registers). */
    public static String domainOf(SipURI uri) {
        return uri.getHost().toLowerCase(java.util.Locale.ROOT);
    }
}
