package org.collabedge.testing.peers;

/** The kamailio.cfg the {@link Kamailio} fixture writes; placeholders in at-signs. */
final class KamailioConfig {

    private KamailioConfig() {
    }

    static final String TEMPLATE = """
            #!KAMAILIO
            debug=2
            log_stderror=yes
            fork=yes
            children=2
            tcp_children=2
            auto_aliases=no
            alias="127.0.0.1:@PORT@"
            listen=udp:127.0.0.1:@PORT@
            listen=tcp:127.0.0.1:@PORT@
            tcp_connection_lifetime=3605
            dns=no
            rev_dns=no
            use_dns_cache=off

            mpath="@MODULES@"
            #@TLS@
            loadmodule "kex.so"
            loadmodule "corex.so"
            loadmodule "tm.so"
            loadmodule "tmx.so"
            loadmodule "sl.so"
            loadmodule "rr.so"
            loadmodule "pv.so"
            loadmodule "maxfwd.so"
            loadmodule "textops.so"
            loadmodule "siputils.so"
            loadmodule "xlog.so"
            loadmodule "sanity.so"
            loadmodule "usrloc.so"
            loadmodule "registrar.so"
            loadmodule "auth.so"
            loadmodule "path.so"

            modparam("usrloc", "db_mode", 0)
            modparam("registrar", "max_expires", 3600)
            modparam("registrar", "min_expires", 10)
            # RFC 3327: a Path from the edge is stored with the contact (and required of nobody), and lookup() puts it
            # in front as Route, so calls to a client registered through the edge travel back through the edge.
            modparam("registrar", "use_path", 1)
            modparam("registrar", "path_mode", 2)
            modparam("registrar", "path_use_received", 0)
            modparam("rr", "enable_full_lr", 1)
            modparam("rr", "append_fromtag", 1)
            modparam("auth", "nonce_expire", 300)
            modparam("auth", "algorithm", "MD5")

            request_route {
                if (!mf_process_maxfwd_header("10")) {
                    sl_send_reply("483", "Too Many Hops");
                    exit;
                }
                if (is_method("OPTIONS") && uri == myself && $rU == $null) {
                    sl_send_reply("200", "Keepalive");
                    exit;
                }
                if (has_totag()) {
                    route(WITHINDLG);
                    exit;
                }
                if (is_method("CANCEL")) {
                    if (t_check_trans()) {
                        t_relay();
                    }
                    exit;
                }
                t_check_trans();
                if (is_method("REGISTER")) {
                    route(PASSWORD);
                    if ($var(pw) == "" || !pv_www_authenticate("$td", "$var(pw)", "0")) {
                        www_challenge("$td", "0");
                        exit;
                    }
                    consume_credentials();
                    if (!save("location")) {
                        sl_reply_error();
                    }
                    exit;
                }
                if (@AUTH_CALLS@ == 1 && !is_method("ACK")) {
                    route(PASSWORD);
                    if ($var(pw) == "" || !pv_proxy_authenticate("$fd", "$var(pw)", "0")) {
                        proxy_challenge("$fd", "0");
                        exit;
                    }
                    consume_credentials();
                }
                remove_hf("Route");
                record_route();
                if (!lookup("location")) {
                    sl_send_reply("404", "Not Found");
                    exit;
                }
                # lookup() added a branch per contact: t_relay forks to all of them in parallel.
                if (!t_relay()) {
                    sl_reply_error();
                }
                exit;
            }

            route[WITHINDLG] {
                if (loose_route()) {
                    if (!t_relay()) {
                        sl_reply_error();
                    }
                    exit;
                }
                if (is_method("ACK")) {
                    if (t_check_trans()) {
                        t_relay();
                    }
                    exit;
                }
                sl_send_reply("404", "Not here");
                exit;
            }

            route[PASSWORD] {
                $var(pw) = "";
            @PASSWORDS@
            }
            """;
}
