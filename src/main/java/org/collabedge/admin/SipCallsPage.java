package org.collabedge.admin;

import java.util.Comparator;

import org.collabedge.sip.status.CallRecord;

/** Calls in progress on every node (the seed's Status &gt; Calls). */
final class SipCallsPage implements AdminPage {

    @Override
    public String name() {
        return "sip-calls";
    }

    @Override
    public void get(PageContext page) {
        var calls = page.core().sipStatus().currentCalls().stream()
                .sorted(Comparator.comparing(CallRecord::startedAt).reversed()).toList();
        page.put("rows", CallRows.of(calls, page.core().host().clock().instant(), page.messages()));
    }

    @Override
    public void post(PageContext page) {
        throw new org.collabedge.config.ValidationException(
                new org.collabedge.config.FieldError("call.from", "error.sip.read_only"));
    }
}
