package org.collabedge.admin;

import java.io.IOException;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.collabedge.core.EdgeCore;

/** A page whose URL also serves a file (with {@code ?download}), written instead of the HTML page. */
interface DownloadPage {

    boolean wantsDownload(HttpServletRequest req);

    void download(EdgeCore core, HttpServletResponse resp) throws IOException;
}
