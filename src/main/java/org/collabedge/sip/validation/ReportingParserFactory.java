package org.collabedge.sip.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.ParseException;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import org.collabedge.protection.FailureCategory;
import org.collabedge.sip.transport.StackContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's message parser, reporting what the stack refuses before {@link ValidationValve} runs: messages that do
 * not parse (answered with an automatic 400 over UDP, dropped over TCP/TLS), messages missing a mandatory header
 * (dropped on every transport), control characters other than a CRLF keep-alive (ignored), and over UDP requests
 * the stack answers itself (SIP version other than 2.0, a CSeq method that contradicts the request line; over
 * TCP/TLS the valve sees and reports those). Each counts as a {@code SIP_PROTOCOL} failure of the sender, so a flood
 * of garbage leads to a ban like any other protocol abuse.
 *
 * <p>Only messages read from the network are reported: the stack also parses its own messages, and then the listener
 * is not a {@link MessageChannel}. The parser itself is JAIN-SIP's stateless {@link StringMsgParser}.
 */
public final class ReportingParserFactory implements MessageParserFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingParserFactory.class);
    private static final StringMsgParser PARSER = new StringMsgParser();
    private static final Refusal UNPARSABLE = new Refusal(400, "Unparsable");

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        String name = ((SipStackImpl) stack).getStackName();
        // The NIO listeners parse without naming the channel: their parser is made per connection and keeps its source.
        InetAddress connection = org.collabedge.sip.transport.ParsingSource.current();
        return (bytes, readBody, strict, listener) -> parse(name, bytes, readBody, strict, listener, connection);
    }

    private static SIPMessage parse(String stackName, byte[] bytes, boolean readBody, boolean strict,
                                    ParseExceptionListener listener, InetAddress connection)
            throws ParseException {
        SIPMessage message;
        try {
            message = PARSER.parseSIPMessage(bytes, readBody, strict, listener);
        } catch (ParseException e) {
            report(stackName, listener, connection);
            throw e;
        }
        if (message == null ? !keepAlive(bytes) : refusedByStack(message, listener)) {
            report(stackName, listener, connection);
        }
        return message;
    }

    /** The parser returns nothing for input made only of control characters; only CR and LF are a keep-alive. */
    private static boolean keepAlive(byte[] bytes) {
        if (bytes == null) {
            return true;
        }
        for (byte b : bytes) {
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean refusedByStack(SIPMessage m, ParseExceptionListener channel) {
        if (m.getFrom() == null || m.getTo() == null || m.getCallId() == null || m.getCSeq() == null
                || m.getTopmostVia() == null) {
            return true;
        }
        return channel instanceof UDPMessageChannel && m instanceof SIPRequest r
                && (!"SIP/2.0".equals(r.getRequestLine().getSipVersion())
                    || !r.getMethod().equalsIgnoreCase(r.getCSeqHeader().getMethod()));
    }

    /**
     * A message the NIO parser refused before parsing it (no Call-ID: it closes the connection), counted like one
     * that did not parse.
     */
    public static void refusedUnparsed(String stackName, InetAddress source) {
        report(stackName, null, source);
    }

    private static void report(String stackName, ParseExceptionListener listener, InetAddress connection) {
        if (!(listener instanceof MessageChannel) && connection == null) {
            return;
        }
        ValveContext context;
        InetAddress source;
        try {
            context = StackContexts.get(stackName, ValveContext.PROPERTY, ValveContext.class);
            source = listener instanceof MessageChannel channel
                    ? InetAddress.getByName(channel.getPeerAddress()) // an address literal: no DNS lookup
                    : connection;
        } catch (UnknownHostException | RuntimeException e) {
            LOG.debug("A refused SIP message could not be reported", e);
            return;
        }
        context.events().failure(FailureCategory.SIP_PROTOCOL, source, null);
        context.refusals().accept(UNPARSABLE);
    }
}
