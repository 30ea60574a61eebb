package org.collabedge.admin;

import javax.servlet.http.HttpServletRequest;

/**
 * Metrics as a console page for people and as Prometheus text for scrapers, on one URL: a browser asks for HTML,
 * a scraper for text.
 */
final class MetricsPage implements AdminPage {

    @Override
    public String name() {
        return "metrics";
    }

    static boolean wantsHtml(HttpServletRequest req) {
        String accept = req.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    @Override
    public void get(PageContext page) {
        page.put("scrape", page.core().metrics().scrape());
    }

    @Override
    public void post(PageContext page) {
        page.redirect("metrics"); // nothing to change here
    }
}
