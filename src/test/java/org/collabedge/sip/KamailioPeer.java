package org.collabedge.sip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Kamailio started by a test as the internal call control behind the edge: registrar with in-memory location,
 * digest authentication of REGISTER (password "kam-" + user, realm = To domain), Path support, proxy with
 * Record-Route. Listens on UDP and TCP on 127.0.0.1 at a free port.
 */
final class KamailioPeer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/kamailio");
    private static final String MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules/";

    final int port;
    private final Process process;
    private final Path dir;

    KamailioPeer(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        port = EdgeUnderTest.freePort();
        String cfg = """
                #!KAMAILIO
                debug=2
                log_stderror=yes
                children=2
                tcp_children=2
                listen=udp:127.0.0.1:%1$d
                listen=tcp:127.0.0.1:%1$d
                mpath="%2$s"
                loadmodule "tm.so"
                loadmodule "sl.so"
                loadmodule "rr.so"
                loadmodule "pv.so"
                loadmodule "maxfwd.so"
                loadmodule "usrloc.so"
                loadmodule "registrar.so"
                loadmodule "textops.so"
                loadmodule "siputils.so"
                loadmodule "xlog.so"
                loadmodule "auth.so"
                loadmodule "path.so"
                loadmodule "kex.so"
                loadmodule "corex.so"
                modparam("usrloc", "db_mode", 0)
                modparam("registrar", "use_path", 1)
                modparam("registrar", "path_mode", 2)
                modparam("registrar", "path_use_received", 0)
                request_route {
                    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
                    if (has_totag()) {
                        if (loose_route()) { t_relay(); exit; }
                        if (is_method("ACK") && t_check_trans()) { t_relay(); }
                        exit;
                    }
                    if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
                    remove_hf("Route");
                    if (is_method("REGISTER")) {
                        if (!pv_www_authenticate("$td", "kam-$tU", "0")) { www_challenge("$td", "0"); exit; }
                        consume_credentials();
                        save("location");
                        exit;
                    }
                    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
                    record_route();
                    t_relay();
                    exit;
                }
                """.formatted(port, MODULES);
        Path file = dir.resolve("kamailio.cfg");
        Files.writeString(file, cfg);
        process = new ProcessBuilder(BINARY.toString(), "-f", file.toString(), "-DD", "-E", "-m", "64", "-M", "8",
                "-P", dir.resolve("kamailio.pid").toString(), "-Y", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("kamailio.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Kamailio exited: " + Files.readString(dir.resolve("kamailio.log")));
            }
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("Kamailio did not start");
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
