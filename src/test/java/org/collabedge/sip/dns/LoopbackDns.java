package org.collabedge.sip.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A tiny authoritative DNS server on a loopback UDP port for tests: answers from the records the test adds (NAPTR,
 * SRV, A, AAAA), NXDOMAIN for anything else, and remembers every question so tests can see what was asked.
 */
public final class LoopbackDns implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<String, List<Record>> zone = new ConcurrentHashMap<>();
    private final List<String> questions = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    public LoopbackDns() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** A resolver that asks only this server. */
    public SimpleResolver resolver() {
        SimpleResolver r = new SimpleResolver(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(),
                socket.getLocalPort()));
        return r;
    }

    public SipDnsResolver sipResolver(java.util.function.LongSupplier clock, java.util.random.RandomGenerator random) {
        return new SipDnsResolver(resolver(), clock, random);
    }

    public LoopbackDns naptr(String owner, int order, int preference, String service, String replacement, long ttl) {
        return add(new NAPTRRecord(name(owner), DClass.IN, ttl, order, preference, "s", service, "",
                name(replacement)));
    }

    public LoopbackDns srv(String owner, int priority, int weight, int port, String target, long ttl) {
        return add(new SRVRecord(name(owner), DClass.IN, ttl, priority, weight, port, name(target)));
    }

    public LoopbackDns a(String owner, String address, long ttl) {
        try {
            InetAddress a = InetAddress.getByName(address);
            return add(a.getAddress().length == 4 ? new ARecord(name(owner), DClass.IN, ttl, a)
                    : new AAAARecord(name(owner), DClass.IN, ttl, a));
        } catch (IOException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    public void clear() {
        zone.clear();
    }

    /** Every question asked so far, as "TYPE name" (name without the final dot). */
    public List<String> questions() {
        synchronized (questions) {
            return List.copyOf(questions);
        }
    }

    private LoopbackDns add(Record r) {
        zone.computeIfAbsent(key(r.getName(), r.getType()), k -> Collections.synchronizedList(new ArrayList<>()))
                .add(r);
        return this;
    }

    private static String key(Name name, int type) {
        return Type.string(type) + " " + name.toString(true).toLowerCase(java.util.Locale.ROOT);
    }

    private static Name name(String s) {
        try {
            return Name.fromString(s, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private void serve() {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                socket.receive(in);
                Message query = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                Record q = query.getQuestion();
                String key = key(q.getName(), q.getType());
                questions.add(key);
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.addRecord(q, Section.QUESTION);
                List<Record> records = zone.get(key);
                if (records == null) {
                    boolean nameExists = zone.keySet().stream().anyMatch(k -> k.endsWith(" "
                            + q.getName().toString(true).toLowerCase(java.util.Locale.ROOT)));
                    answer.getHeader().setRcode(nameExists ? Rcode.NOERROR : Rcode.NXDOMAIN);
                } else {
                    synchronized (records) {
                        records.forEach(r -> answer.addRecord(r, Section.ANSWER));
                    }
                }
                byte[] out = answer.toWire(512);
                socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
