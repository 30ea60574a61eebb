package org.collabedge.sip;

import java.util.function.IntSupplier;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import org.collabedge.metrics.EdgeMetrics;

/** The SIP edge's meters on the core's registry: traffic by method and status, registrations, calls, failures. */
public final class SipMetrics {

    private final Counter requests;
    private final Counter responses;
    private final Counter failures;

    public SipMetrics(EdgeMetrics metrics, IntSupplier registrations, IntSupplier calls, IntSupplier openFlows) {
        var registry = metrics.registry();
        requests = Counter.builder().name("collabedge_sip_requests_total")
                .help("SIP requests received by method").labelNames("method").register(registry);
        responses = Counter.builder().name("collabedge_sip_responses_total")
                .help("SIP final and provisional responses sent by status code").labelNames("code")
                .register(registry);
        failures = Counter.builder().name("collabedge_sip_failures_total")
                .help("SIP requests refused by kind").labelNames("kind").register(registry);
        GaugeWithCallback.builder().name("collabedge_sip_registrations")
                .help("Addresses of record registered on the edge").callback(cb -> cb.call(registrations.getAsInt()))
                .register(registry);
        GaugeWithCallback.builder().name("collabedge_sip_calls")
                .help("Calls in progress through this node").callback(cb -> cb.call(calls.getAsInt()))
                .register(registry);
        GaugeWithCallback.builder().name("collabedge_sip_flows")
                .help("Open client connections on this node").callback(cb -> cb.call(openFlows.getAsInt()))
                .register(registry);
    }

    public void request(String method) {
        requests.labelValues(method).inc();
    }

    public void response(int code) {
        responses.labelValues(Integer.toString(code)).inc();
    }

    /** kinds: "authentication", "protocol", "rate", "unavailable", "flow_closed" */
    public void failure(String kind) {
        failures.labelValues(kind).inc();
    }
}
