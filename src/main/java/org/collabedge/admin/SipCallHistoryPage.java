package org.collabedge.admin;

import java.util.Comparator;
import java.util.List;

import org.collabedge.sip.status.CallRecord;

/**
 * Finished calls of every node, the last 500 per node (the seed's Status &gt; Calls &gt; History), with a chart of
 * calls started per minute.
 */
final class SipCallHistoryPage implements AdminPage {

    @Override
    public String name() {
        return "sip-call-history";
    }

    @Override
    public void get(PageContext page) {
        List<CallRecord> calls = page.core().sipStatus().callHistory().stream()
                .sorted(Comparator.comparing(CallRecord::startedAt).reversed()).toList();
        String node = page.param("node");
        page.put("nodes", calls.stream().map(CallRecord::nodeId).distinct().sorted().toList());
        page.put("nodeFilter", node);
        List<CallRecord> shown = node == null ? calls : calls.stream().filter(c -> node.equals(c.nodeId())).toList();
        page.put("rows", CallRows.of(shown, page.core().host().clock().instant(), page.messages()));
        page.put("chart", CallsPerMinuteChart.svg(shown, page.messages()));
    }

    @Override
    public void post(PageContext page) {
        throw new org.collabedge.config.ValidationException(
                new org.collabedge.config.FieldError("call.from", "error.sip.read_only"));
    }
}
