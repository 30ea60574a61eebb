package org.collabedge.http.proxy;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

import org.collabedge.http.ProxyLimits;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * What a client's HTTP/1.1 connection becomes after the backend accepted a WebSocket upgrade: a byte tunnel to the
 * backend link, non-blocking both ways (no thread is held per WebSocket). Frames are not inspected (the edge
 * authorised the upgrade; the backend speaks the protocol). Each direction reads again only after the other side
 * took the previous bytes; either side closing or idling past the WebSocket time-out ends both.
 */
final class WebSocketTunnel extends AbstractConnection implements Connection.UpgradeTo, BackendLink.Reader {

    private final BackendLink backend;
    private final ByteBuffer buffer = BufferUtil.allocate(16 * 1024);
    private ByteBuffer prefilled;

    WebSocketTunnel(EndPoint endPoint, Executor executor, BackendLink backend) {
        super(endPoint, executor);
        this.backend = backend;
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public void onUpgradeTo(ByteBuffer bytes) {
        // Bytes the client sent right behind its upgrade request belong to the tunnel.
        if (BufferUtil.hasContent(bytes)) {
            prefilled = BufferUtil.copy(bytes);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        long idle = ProxyLimits.WEBSOCKET_IDLE_TIMEOUT.toMillis();
        getEndPoint().setIdleTimeout(idle);
        backend.getEndPoint().setIdleTimeout(idle);
        backend.attach(this);
        if (prefilled != null) {
            backend.getEndPoint().write(Callback.from(this::fillInterested, x -> close()), prefilled);
        } else {
            fillInterested();
        }
    }

    /** Client to backend. */
    @Override
    public void onFillable() {
        try {
            BufferUtil.clear(buffer);
            int n = getEndPoint().fill(buffer);
            if (n > 0) {
                backend.getEndPoint().write(Callback.from(this::fillInterested, x -> close()), buffer);
            } else if (n == 0) {
                fillInterested();
            } else {
                backend.getEndPoint().shutdownOutput();
            }
        } catch (Throwable e) {
            close();
        }
    }

    /** Backend to client. */
    @Override
    public Next onBytes(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return Next.MORE;
        }
        getEndPoint().write(Callback.from(backend::resume, x -> close()), in);
        return Next.WAIT;
    }

    @Override
    public void onEof() {
        getEndPoint().shutdownOutput();
        close();
    }

    @Override
    public void onFailure(Throwable cause) {
        close();
    }

    @Override
    public void onClose(Throwable cause) {
        backend.detachReader(this);
        backend.close();
        super.onClose(cause);
    }
}
