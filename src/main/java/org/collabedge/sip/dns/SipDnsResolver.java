package org.collabedge.sip.dns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

import org.collabedge.config.HostNames;
import org.collabedge.sip.transport.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds where to send a request for a configured host, as RFC 3263 section 4 says. With an explicit port only the
 * host's A/AAAA records count. Without one: NAPTR records pick the transports (SIPS+D2T, SIP+D2T, SIP+D2U, by order
 * then preference) and name the SRV records; without usable NAPTR records the SRV names are queried directly
 * (_sips._tcp, _sip._tcp, _sip._udp); SRV targets are ordered by priority and weight (RFC 2782); without SRV records
 * the host's own addresses on the transport's default port. Every address of every target becomes one
 * {@link NextHop}, so the caller fails over along the list. Answers are cached for their TTL.
 * <p>
 * Resolution runs on the thread handling the request, so it is bounded: at most {@link #MAX_TARGETS} SRV names and
 * {@link #MAX_TARGETS} SRV targets are looked up (a hostile or broken zone may list hundreds), and the whole
 * resolution gives up after {@link #BUDGET}, returning the hops found by then.
 */
public final class SipDnsResolver {

    private static final Logger LOG = LoggerFactory.getLogger(SipDnsResolver.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /**
     * SRV names (from NAPTR) and SRV targets looked up per resolution. The caller fails over along the hops one
     * transaction at a time, and a silent hop costs up to 32 s (Timer B/F), so a client has long given up before
     * the 16th target; real deployments publish a handful.
     */
    static final int MAX_TARGETS = 16;
    /** Time for one whole resolution: two slow answers (one {@link #TIMEOUT} each), not one per target. */
    static final Duration BUDGET = Duration.ofSeconds(6);
    private static final Map<String, String> NAPTR_SERVICES = Map.of(
            "SIPS+D2T", "TLS", "SIP+D2T", "TCP", "SIP+D2U", "UDP");
    private static final Map<String, String> SRV_PREFIX = Map.of(
            "TLS", "_sips._tcp.", "TCP", "_sip._tcp.", "UDP", "_sip._udp.");

    /** What {@link #ask} returns when the resolution's time ran out: not a failure of the server, not cached. */
    private static final List<Record> OUT_OF_TIME = new ArrayList<>(0);

    private final Resolver dns;
    private final DnsCache cache;
    private final RandomGenerator random;
    private final Duration budget;

    public SipDnsResolver(Resolver dns, java.util.function.LongSupplier nanoTime, RandomGenerator random) {
        this(dns, nanoTime, random, BUDGET);
    }

    /** @param budget the time one resolution may take in all (tests use a short one) */
    SipDnsResolver(Resolver dns, java.util.function.LongSupplier nanoTime, RandomGenerator random, Duration budget) {
        this.dns = dns;
        this.cache = new DnsCache(nanoTime);
        this.random = random;
        this.budget = budget;
        dns.setTimeout(TIMEOUT);
    }

    /** The host's configured name servers (resolv.conf or the platform's equivalent). */
    public static SipDnsResolver system() {
        return new SipDnsResolver(new ExtendedResolver(), System::nanoTime, RandomGenerator.getDefault());
    }

    /**
     * @param host       the configured host name or IP literal
     * @param port       the configured port, or 0 when DNS should say (NAPTR/SRV)
     * @param transports acceptable transports ("TLS", "TCP", "UDP"), the preferred first; the first one is used for
     *                   a plain host name without SRV records
     * @return the hops in the order to try them; empty when the name does not resolve
     */
    public List<NextHop> resolve(String host, int port, List<String> transports) {
        String h = HostNames.unbracket(host);
        String first = transports.get(0);
        if (HostNames.isIpLiteral(h)) {
            return List.of(new NextHop(new Flow(first, h, port > 0 ? port : defaultPort(first)), h));
        }
        String name = h.toLowerCase(Locale.ROOT);
        long deadline = System.nanoTime() + budget.toNanos();
        if (port > 0) {
            return addresses(name, first, port, name, deadline);
        }
        List<NextHop> out = new ArrayList<>();
        int targets = 0;
        List<Service> services = services(name, transports, deadline);
        lookups:
        for (Service s : services.subList(0, Math.min(services.size(), MAX_TARGETS))) {
            for (SRVRecord srv : SrvOrder.order(srv(s.srvName(), deadline), random)) {
                if (targets++ == MAX_TARGETS) {
                    LOG.debug("SRV targets of {} beyond the first {} ignored", name, MAX_TARGETS);
                    break lookups;
                }
                out.addAll(addresses(srv.getTarget().toString(true), s.transport(), srv.getPort(), name, deadline));
            }
        }
        if (out.isEmpty()) {
            out.addAll(addresses(name, first, defaultPort(first), name, deadline));
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /** A transport and the SRV name that serves it. */
    private record Service(String transport, String srvName) {
    }

    /** NAPTR's choice of SRV names, or the standard SRV names of the acceptable transports. */
    private List<Service> services(String name, List<String> transports, long deadline) {
        List<NAPTRRecord> naptr = new ArrayList<>();
        for (Record r : query(name, Type.NAPTR, deadline)) {
            if (r instanceof NAPTRRecord n && "s".equalsIgnoreCase(n.getFlags())
                    && transports.contains(NAPTR_SERVICES.get(n.getService().toUpperCase(Locale.ROOT)))) {
                naptr.add(n);
            }
        }
        naptr.sort(Comparator.comparingInt(NAPTRRecord::getOrder).thenComparingInt(NAPTRRecord::getPreference));
        List<Service> out = new ArrayList<>();
        for (NAPTRRecord n : naptr) {
            out.add(new Service(NAPTR_SERVICES.get(n.getService().toUpperCase(Locale.ROOT)),
                    n.getReplacement().toString(true)));
        }
        if (out.isEmpty()) {
            for (String t : transports) {
                out.add(new Service(t, SRV_PREFIX.get(t) + name));
            }
        }
        return out;
    }

    private List<SRVRecord> srv(String name, long deadline) {
        List<SRVRecord> out = new ArrayList<>();
        for (Record r : query(name, Type.SRV, deadline)) {
            if (r instanceof SRVRecord s) {
                out.add(s);
            }
        }
        return out;
    }

    /** IPv4 then IPv6 addresses of a target, each a hop on the given transport and port. */
    private List<NextHop> addresses(String target, String transport, int port, String tlsName, long deadline) {
        List<NextHop> out = new ArrayList<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            for (Record r : query(target, type, deadline)) {
                InetAddress a = r instanceof ARecord ar ? ar.getAddress()
                        : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
                if (a != null) {
                    out.add(new NextHop(new Flow(transport, a.getHostAddress(), port), tlsName));
                }
            }
        }
        return out;
    }

    /**
     * The answer's records of the asked type, from the cache while their TTL lasts; empty on any failure, and
     * empty without asking once the resolution's time is up.
     */
    private List<Record> query(String name, int type, long deadline) {
        String key = Type.string(type) + " " + name;
        return cache.get(key).orElseGet(() -> {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.debug("DNS {} {} not asked: resolution took longer than {}", Type.string(type), name, budget);
                return List.of();
            }
            List<Record> records = ask(name, type, left);
            if (records == OUT_OF_TIME) {
                return List.of();
            }
            if (records == null) {
                cache.putFailure(key);
                return List.of();
            }
            cache.put(key, records);
            return records;
        });
    }

    /** Null when the server could not be asked (remembered only for a few seconds, then asked again). */
    private List<Record> ask(String name, int type, long nanosLeft) {
        try {
            Message response = dns.sendAsync(Message.newQuery(
                    Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN)))
                    .toCompletableFuture().get(nanosLeft, TimeUnit.NANOSECONDS);
            int rcode = response.getRcode();
            if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                LOG.debug("DNS {} {} answered {}", Type.string(type), name, Rcode.string(rcode));
                return null;
            }
            List<Record> out = new ArrayList<>();
            for (Record r : response.getSection(Section.ANSWER)) {
                if (r.getType() == type) {
                    out.add(r);
                }
            }
            return out;
        } catch (TextParseException e) {
            return List.of();
        } catch (ExecutionException e) {
            LOG.debug("DNS {} {} failed: {}", Type.string(type), name, e.getCause().toString());
            return null;
        } catch (TimeoutException e) {
            LOG.debug("DNS {} {}: no answer before the resolution's time was up", Type.string(type), name);
            return OUT_OF_TIME;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OUT_OF_TIME;
        }
    }

    static int defaultPort(String transport) {
        return "TLS".equals(transport) ? 5061 : 5060;
    }

    /**
     * The transports DNS may choose for a configured one: the configured transport first, then only more secure ones
     * the edge has listeners for (TLS stays TLS; TCP may become TLS; UDP may become TLS or TCP), so DNS never lowers
     * what the admin asked for.
     */
    public static List<String> acceptable(String configured, Set<String> edgeTransports) {
        String c = configured.toUpperCase(Locale.ROOT);
        List<String> stronger = switch (c) {
            case "TLS" -> List.of();
            case "TCP" -> List.of("TLS");
            default -> List.of("TLS", "TCP");
        };
        List<String> out = new ArrayList<>(List.of(c));
        for (String t : stronger) {
            if (edgeTransports.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
