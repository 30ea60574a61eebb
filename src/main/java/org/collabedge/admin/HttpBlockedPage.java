package org.collabedge.admin;

/** The access log of blocked requests: the latest of every node, newest first, with the reason. */
final class HttpBlockedPage implements AdminPage {

    @Override
    public String name() {
        return "http-blocked";
    }

    @Override
    public void get(PageContext page) {
        page.put("blocked", page.core().allowList().blockedRequests());
        page.put("config", page.core().config().current());
    }

    @Override
    public void post(PageContext page) {
        page.redirect(name()); // read-only
    }
}
