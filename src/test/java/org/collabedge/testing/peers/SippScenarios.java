package org.collabedge.testing.peers;

/**
 * SIPp scenario XML for the tests; bench/sip/register.xml is its command-line twin (domain from -key). REGISTER goes
 * to the registrar's address because SIPp computes its digest answer for sip:<remote host:port>, and the edge
 * refuses a digest uri other than the Request-URI.
 */
final class SippScenarios {

    private SippScenarios() {
    }

    static String register(String domain, int expires) {
        String head = """
                REGISTER sip:[remote_ip]:[remote_port] SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
                From: <sip:[field0]@%1$s>;tag=[pid]SIPpTag[call_number]
                To: <sip:[field0]@%1$s>
                Call-ID: [call_id]
                CSeq: %%d REGISTER
                Contact: <sip:[field0]@[local_ip]:[local_port];transport=[transport]>
                Max-Forwards: 70
                Expires: %2$d
                User-Agent: SIPp
                """.formatted(domain, expires);
        return """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <!DOCTYPE scenario SYSTEM "sipp.dtd">
                <scenario name="register with digest">
                  <send retrans="500"><![CDATA[
                %s
                Content-Length: 0

                  ]]></send>
                  <recv response="401" auth="true"/>
                  <send retrans="500"><![CDATA[
                %s
                [field1]
                Content-Length: 0

                  ]]></send>
                  <recv response="200" crlf="true"/>
                </scenario>
                """.formatted(head.formatted(1).strip(), head.formatted(2).strip());
    }
}
