package org.collabedge.host;

import java.io.Serializable;

/**
 * State shared by every node that runs the edge. In a clustered Openfire it is cluster-wide, so no service may
 * assume it is the only node: whatever must survive a node (registrations, tokens, bans, counters) lives here.
 */
public interface SharedState {

    /** A named map whose entries each carry their own expiry. Values must be serializable to cross nodes. */
    <V extends Serializable> SharedMap<V> map(String name);

    /** Named counters, atomic across the cluster. */
    SharedCounters counters(String name);

    /** A named lock, held across the cluster. */
    SharedLock lock(String name);
}
