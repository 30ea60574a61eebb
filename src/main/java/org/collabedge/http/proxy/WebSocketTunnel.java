package org.collabedge.http.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

import org.collabedge.http.ProxyLimits;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;

/**
 * What a client's HTTP/1.1 connection becomes after the backend accepted a WebSocket upgrade: a byte tunnel to the
 * backend socket. Frames are not inspected (the edge authorised the upgrade; the backend speaks the protocol).
 * Client-to-backend runs on fill events; backend-to-client on one pool thread that blocks reading the backend.
 */
final class WebSocketTunnel extends AbstractConnection implements Connection.UpgradeTo {

    private final BackendConnection backend;
    private final ByteBuffer buffer = BufferUtil.allocate(Bodies.BUFFER);

    WebSocketTunnel(EndPoint endPoint, Executor executor, BackendConnection backend) {
        super(endPoint, executor);
        this.backend = backend;
    }

    @Override
    public void onUpgradeTo(ByteBuffer prefilled) {
        // Bytes the client sent right behind its upgrade request belong to the tunnel.
        if (BufferUtil.hasContent(prefilled)) {
            try {
                OutputStream out = backend.out();
                out.write(BufferUtil.toArray(prefilled));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().setIdleTimeout(ProxyLimits.WEBSOCKET_IDLE_TIMEOUT.toMillis());
        try {
            backend.socket().setSoTimeout((int) ProxyLimits.WEBSOCKET_IDLE_TIMEOUT.toMillis());
        } catch (IOException e) {
            close();
            return;
        }
        getExecutor().execute(this::backendToClient);
        fillInterested();
    }

    @Override
    public void onFillable() {
        try {
            while (true) {
                BufferUtil.clear(buffer);
                int n = getEndPoint().fill(buffer);
                if (n > 0) {
                    OutputStream out = backend.out();
                    out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                    out.flush();
                } else if (n == 0) {
                    fillInterested();
                    return;
                } else {
                    backend.socket().shutdownOutput();
                    return;
                }
            }
        } catch (IOException e) {
            close();
        }
    }

    private void backendToClient() {
        byte[] chunk = new byte[Bodies.BUFFER];
        InputStream in = backend.in();
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                FutureCallback written = new FutureCallback();
                getEndPoint().write(written, ByteBuffer.wrap(chunk, 0, n));
                written.block();
            }
        } catch (IOException e) {
            // either side went away: the tunnel ends
        } finally {
            close();
        }
    }

    @Override
    public void onClose(Throwable cause) {
        backend.close();
        super.onClose(cause);
    }
}
