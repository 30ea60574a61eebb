package org.collabedge.admin;

/**
 * Metrics as a console page for people; scrapers get Prometheus text on the same URL ({@link MetricsExposition}).
 */
final class MetricsPage implements AdminPage {

    @Override
    public String name() {
        return "metrics";
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
