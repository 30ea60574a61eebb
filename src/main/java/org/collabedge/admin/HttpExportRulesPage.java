package org.collabedge.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.collabedge.core.EdgeCore;
import org.collabedge.http.rules.RulesCsv;

/** Exports the editable rules in the upload format, so a file can be edited and uploaded again. */
final class HttpExportRulesPage implements AdminPage, DownloadPage {

    static final String FILE_NAME = "http-allow-list-rules.csv";

    @Override
    public String name() {
        return "http-export-rules";
    }

    @Override
    public void get(PageContext page) {
        page.put("count", page.core().allowList().rules().rules().size());
        page.put("header", String.join(",", RulesCsv.HEADER));
    }

    @Override
    public void post(PageContext page) {
        page.redirect(name()); // nothing to change; the download is a GET
    }

    @Override
    public boolean wantsDownload(HttpServletRequest req) {
        return req.getParameter("download") != null;
    }

    @Override
    public void download(EdgeCore core, HttpServletResponse resp) throws IOException {
        byte[] csv = RulesCsv.write(core.allowList().rules().rules(), core.config().current())
                .getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/csv; charset=UTF-8");
        resp.setHeader("Content-Disposition", "attachment; filename=\"" + FILE_NAME + "\"");
        resp.setContentLength(csv.length);
        resp.getOutputStream().write(csv);
    }
}
