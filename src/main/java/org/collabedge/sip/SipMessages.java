package org.collabedge.sip;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.sip.address.AddressFactory;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * The stack's factories (built directly rather than through the javax.sip singleton, which would outlive a plugin
 * reload) and small helpers to read and make messages.
 */
public final class SipMessages {

    public final MessageFactory messages = new MessageFactoryImpl();
    public final HeaderFactory headers = new HeaderFactoryImpl();
    public final AddressFactory addresses = new AddressFactoryImpl();

    /** The values of every header of this name, as text (multi-value headers split by the stack). */
    public static List<String> values(Message message, String name) {
        List<String> out = new ArrayList<>();
        Iterator<?> it = message.getHeaders(name);
        while (it.hasNext()) {
            Header h = (Header) it.next();
            out.add(h instanceof SIPHeader sh ? sh.getHeaderValue().trim() : h.toString().trim());
        }
        return out;
    }

    /** A response with a reason phrase of our own. */
    public Response response(int status, String reason, Request request) {
        try {
            Response r = messages.createResponse(status, request);
            if (reason != null) {
                r.setReasonPhrase(reason);
            }
            return r;
        } catch (ParseException e) {
            throw new IllegalStateException("Cannot form a " + status + " response", e);
        }
    }

    /** Adds a header given as name and value text. */
    public void add(Message message, String name, String value) {
        try {
            message.addHeader(headers.createHeader(name, value));
        } catch (ParseException e) {
            throw new IllegalArgumentException("Bad " + name + " header", e);
        }
    }
}
