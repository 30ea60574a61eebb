package org.collabedge.sip.proxy;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sip.address.SipURI;
import javax.sip.header.Header;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.collabedge.sip.SipMessages;

/**
 * Keeps internal hops out of what outside clients see (issue: "Via/Record-Route of the edge, not of internal hops").
 * A request to a client carries only the edge's Via, with the Vias below it sealed into a {@code ce-v} parameter that
 * comes back in the response and restores them; and only the edge's own Record-Route entries, with everything the
 * edge received sealed into their {@code ce-h} parameter. A response to a client loses the Record-Route entries above
 * the edge's, sealed the same way. When the client's in-dialog request returns with Route: edge;ce-h=..., the
 * hidden entries are put back after the edge's. Call-ID and Contact stay: the client needs the remote target.
 */
public final class TopologyHiding {

    /** Via parameter: the Vias below the edge's, sealed. */
    static final String VIAS = "ce-v";
    /** Record-Route/Route URI parameter: route entries that follow the edge's, sealed. */
    static final String ROUTES = "ce-h";

    private final SipMessages sip;
    private final Supplier<RouteSeal> seal;

    public TopologyHiding(SipMessages sip, Supplier<RouteSeal> seal) {
        this.sip = sip;
        this.seal = seal;
    }

    /**
     * A prepared request going to a client: keeps the edge's top Via and the {@code added} Record-Route entries on
     * top, hiding the rest.
     */
    void hideRequest(Request out, int added) throws ParseException, javax.sip.SipException {
        List<String> vias = values(out, ViaHeader.NAME);
        ViaHeader top = (ViaHeader) out.getHeader(ViaHeader.NAME);
        out.removeHeader(ViaHeader.NAME);
        // Always present, even with nothing below: it also tells the response that it answers a hidden request.
        top.setParameter(VIAS, seal.get().seal(vias.subList(1, vias.size())));
        out.addHeader(top);
        List<String> rr = values(out, RecordRouteHeader.NAME);
        // A UAS's route set is the Record-Route list in order: what follows the edge's entries, as it stands.
        replaceRecordRoutes(out, rr, Math.min(added, rr.size()), rr.subList(Math.min(added, rr.size()), rr.size()),
                true);
    }

    /**
     * A response from a client to a hidden request, with the edge's Via already read: the sealed Vias again, and
     * the Record-Route the upstream side expects (the edge's entries as sent, then what the edge received).
     *
     * @param sealedVias the {@code ce-v} parameter of the edge's Via, or null when the request was not hidden
     * @param branch     the branch the response answers, or null for a 2xx retransmission after the transaction
     */
    void restoreResponse(Response r, String sealedVias, Branch branch) throws ParseException, javax.sip.SipException {
        Optional<List<String>> vias = seal.get().open(sealedVias);
        if (vias.isEmpty()) {
            return;
        }
        for (String v : vias.get()) {
            r.addLast(sip.headers.createHeader(ViaHeader.NAME, v));
        }
        if (branch != null && r.getHeader(RecordRouteHeader.NAME) != null) {
            r.removeHeader(RecordRouteHeader.NAME);
            List<String> restored = new ArrayList<>(branch.addedRecordRoutes());
            restored.addAll(values(branch.transaction().request, RecordRouteHeader.NAME));
            for (String rr : restored) {
                r.addLast(sip.headers.createHeader(RecordRouteHeader.NAME, rr));
            }
        }
    }

    /**
     * A response going back to a client: the Record-Route entries above the edge's own (the far side's hops) are
     * sealed into the edge's entries. The edge's entries are the {@code added} ones right above what the client's
     * request already carried.
     */
    void hideResponse(Response r, ProxyTransaction pt, int added) throws ParseException, javax.sip.SipException {
        List<String> rr = values(r, RecordRouteHeader.NAME);
        int clientSide = values(pt.request, RecordRouteHeader.NAME).size();
        int hidden = rr.size() - clientSide - added;
        if (hidden <= 0) {
            return;
        }
        // A UAC's route set is the Record-Route list reversed: the hidden entries follow the edge's in that order.
        List<String> routeOrder = new ArrayList<>(rr.subList(0, hidden));
        Collections.reverse(routeOrder);
        List<String> rest = rr.subList(hidden, rr.size());
        replaceRecordRoutes(r, rest, Math.min(added, rest.size()), routeOrder, false);
    }

    /** Sealed caller token: the flow of call control that started a dialog towards a client. */
    static final String INSIDE_CALLER = "ce-i";

    /**
     * In an edge Record-Route entry for a dialog call control started, replaces the caller's flow token (call
     * control's address) by a sealed one, which also marks the caller as inside.
     */
    void sealCaller(RecordRouteHeader h) throws ParseException {
        if (h.getAddress().getURI() instanceof SipURI uri && uri.getParameter(FlowToken.CALLER) != null) {
            String token = uri.getParameter(FlowToken.CALLER);
            uri.removeParameter(FlowToken.CALLER);
            uri.setParameter(INSIDE_CALLER, seal.get().seal(List.of(token)));
        }
    }

    /** The caller's flow token of an edge Route entry whose caller is inside, or empty. */
    Optional<String> insideCaller(SipURI uri) {
        return seal.get().open(uri.getParameter(INSIDE_CALLER)).filter(l -> l.size() == 1).map(l -> l.get(0));
    }

    /** Route entries sealed in the edge's own Route entries (removed by the caller), in the order to put on top. */
    List<String> hiddenRoutes(List<RouteHeader> own) {
        for (RouteHeader h : own) {
            if (h.getAddress().getURI() instanceof SipURI uri && uri.getParameter(ROUTES) != null) {
                return seal.get().open(uri.getParameter(ROUTES)).orElse(List.of());
            }
        }
        return List.of();
    }

    /** Puts hidden route entries on top of the request's Route (after the edge's own were removed). */
    void expand(Request request, List<String> routes) throws ParseException, javax.sip.SipException {
        ListIterator<String> it = routes.listIterator(routes.size());
        while (it.hasPrevious()) {
            request.addFirst(sip.headers.createHeader(RouteHeader.NAME, it.previous()));
        }
    }

    /**
     * Leaves {@code keep} (the first {@code sealedInto} of which get the sealed parameter) as the Record-Route.
     * Nothing is sealed when nothing is hidden, or when no edge entry could carry it (then it is only dropped).
     */
    private void replaceRecordRoutes(Message m, List<String> keep, int sealedInto, List<String> hidden,
                                     boolean dropUnsealed) throws ParseException, javax.sip.SipException {
        if (hidden.isEmpty()) {
            if (dropUnsealed) {
                m.removeHeader(RecordRouteHeader.NAME);
                for (String k : keep.subList(0, sealedInto)) {
                    m.addLast(sip.headers.createHeader(RecordRouteHeader.NAME, k));
                }
            }
            return;
        }
        String token = seal.get().seal(hidden);
        // The edge's entries are signed as a set (DialogRouteSet): adding ce-h means signing again, which only
        // an entry that still checks gets.
        DialogRouteSet sets = new DialogRouteSet(seal.get());
        javax.sip.header.CallIdHeader callId = (javax.sip.header.CallIdHeader) m.getHeader(
                javax.sip.header.CallIdHeader.NAME);
        List<String> kept = new ArrayList<>(dropUnsealed ? keep.subList(0, sealedInto) : keep);
        m.removeHeader(RecordRouteHeader.NAME);
        for (int i = 0; i < kept.size(); i++) {
            RecordRouteHeader h = (RecordRouteHeader) sip.headers.createHeader(RecordRouteHeader.NAME, kept.get(i));
            if (i < sealedInto && h.getAddress().getURI() instanceof SipURI uri) {
                sets.extend(uri, callId == null ? null : callId.getCallId(), ROUTES, token);
            }
            m.addLast(h);
        }
    }

    private static List<String> values(Message m, String name) {
        List<String> out = new ArrayList<>();
        for (ListIterator<?> it = m.getHeaders(name); it.hasNext(); ) {
            String s = ((Header) it.next()).toString();
            int colon = s.indexOf(':');
            out.add(s.substring(colon + 1).trim());
        }
        return out;
    }
}
