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
import java.util.Set;
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
 * SRV, A, AAAA), NXDOMAIN for anything else, and remembers every question so tests can see what was asked. An answer
 * too long for UDP is truncated there and served whole over TCP on the same port number, as resolvers then ask.
 * Names made {@link #silent} get no answer at all (a name server that times out).
 */
public final class LoopbackDns implements AutoCloseable {

    private final DatagramSocket socket;
    private final java.net.ServerSocket tcp;
    private final Thread tcpThread;
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Record>> zone = new ConcurrentHashMap<>();
    private final List<String> questions = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    public LoopbackDns() throws IOException {
        DatagramSocket udp = null;
        java.net.ServerSocket stream = null;
        // TCP and UDP on one port number: take a free TCP port, then its UDP twin (a few tries if it is taken).
        for (int attempt = 0; udp == null && attempt < 20; attempt++) {
            stream = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            try {
                udp = new DatagramSocket(stream.getLocalPort(), InetAddress.getLoopbackAddress());
            } catch (SocketException taken) {
                stream.close();
            }
        }
        if (udp == null) {
            throw new SocketException("no free port for both UDP and TCP");
        }
        socket = udp;
        tcp = stream;
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
        tcpThread = new Thread(this::serveTcp, "loopback-dns-tcp");
        tcpThread.setDaemon(true);
        tcpThread.start();
    }

    /** Questions about {@code owner} are remembered but never answered. */
    public LoopbackDns silent(String owner) {
        silent.add(name(owner).toString(true).toLowerCase(java.util.Locale.ROOT));
        return this;
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

    /** A resolver whose whole resolution may take only {@code budget}. */
    public SipDnsResolver sipResolver(java.util.function.LongSupplier clock, java.util.random.RandomGenerator random,
                                      java.time.Duration budget) {
        return new SipDnsResolver(resolver(), clock, random, budget);
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
                Message answer = answer(java.util.Arrays.copyOf(in.getData(), in.getLength()));
                if (answer != null) {
                    byte[] out = answer.toWire(512);
                    socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** One question per connection, length-prefixed both ways (RFC 1035 4.2.2); the answer is never truncated. */
    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (java.net.Socket s = tcp.accept()) {
                s.setSoTimeout(2000);
                java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                Message answer = answer(query);
                if (answer != null) {
                    byte[] out = answer.toWire();
                    java.io.DataOutputStream o = new java.io.DataOutputStream(s.getOutputStream());
                    o.writeShort(out.length);
                    o.write(out);
                    o.flush();
                }
            } catch (IOException e) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The answer to a query from the zone; null for a silent name. */
    private Message answer(byte[] wire) throws IOException {
        Message query = new Message(wire);
        Record q = query.getQuestion();
        String key = key(q.getName(), q.getType());
        questions.add(key);
        if (silent.contains(q.getName().toString(true).toLowerCase(java.util.Locale.ROOT))) {
            return null;
        }
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
        return answer;
    }

    @Override
    public void close() {
        socket.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            thread.join(2000);
            tcpThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
