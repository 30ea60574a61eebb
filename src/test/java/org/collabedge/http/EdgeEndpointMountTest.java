package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.collabedge.auth.TokenVerifier;
import org.collabedge.protection.AccessGate;
import org.collabedge.protection.AuthorizationRateControl;
import org.junit.jupiter.api.Test;

/** Identity endpoints are served beside the proxy under their reserved paths and are never proxied. */
class EdgeEndpointMountTest {

    static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().print("endpoint:" + req.getRequestURI());
        }
    }

    @Test
    void endpointsAnswerUnderTheirPathsAndOtherReservedPathsAre404() throws Exception {
        try (RecordingBackend backend = new RecordingBackend();
             EdgeHarness edge = new EdgeHarness(new TestAllowList(backend.port()), (u, p) -> false,
                     TokenVerifier.REFUSE_ALL, AccessGate.OPEN, AuthorizationRateControl.UNLIMITED,
                     List.of(new EdgeEndpoint("/edge/hello", new Hello()),
                             new EdgeEndpoint("/get_edge_sso", new Hello())))) {
            assertEquals("endpoint:/edge/hello", edge.get("/edge/hello").body());
            assertEquals("endpoint:/edge/hello/more", edge.get("/edge/hello/more").body());
            assertEquals("endpoint:/get_edge_sso", edge.get("/get_edge_sso?email=a@example.com").body());
            assertEquals(404, edge.get("/edge/other").status());
            assertEquals(404, edge.get("/edge/http/127.0.0.1/" + backend.port() + "/allowed/a").status());
            assertTrue(backend.received().isEmpty());
        }
    }
}
