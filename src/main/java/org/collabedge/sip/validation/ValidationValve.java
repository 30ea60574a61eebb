package org.collabedge.sip.validation;

import java.io.IOException;
import java.util.Optional;

import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import org.collabedge.protection.FailureCategory;
import org.collabedge.sip.transport.StackContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's message valve: runs {@link RequestValidator} on each request before a transaction is made, answers a
 * refused one itself over the channel it came on (an ACK is dropped, as nothing may answer it) and reports it to
 * intrusion protection. Other dialogs never see the refused request.
 */
public final class ValidationValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationValve.class);

    private ValveContext context;

    @Override
    public void init(SipStack stack) {
        context = StackContexts.get(((SipStackImpl) stack).getStackName(), ValveContext.PROPERTY,
                ValveContext.class);
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        Optional<Refusal> refusal = context.validator().check(request);
        if (refusal.isEmpty()) {
            return true;
        }
        context.events().failure(FailureCategory.SIP_PROTOCOL, channel.getPeerPacketSourceAddress(), null);
        context.refusals().accept(refusal.get());
        boolean answerable = request.getCSeqHeader() != null && request.getCallId() != null
                && request.getFrom() != null && request.getTo() != null && request.getTopmostVia() != null;
        if (answerable && !Request.ACK.equals(request.getMethod())) {
            SIPResponse response = request.createResponse(refusal.get().status(), refusal.get().reason());
            try {
                channel.sendMessage(response);
            } catch (IOException e) {
                LOG.debug("Could not answer a refused SIP request", e);
            }
        }
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void destroy() {
    }
}
