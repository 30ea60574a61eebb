package org.collabedge.sip.registrar;

import java.io.Serializable;
import java.util.List;

/** All bindings of one address of record: the value of one shared location entry. */
public record BindingSet(String addressOfRecord, List<Binding> bindings) implements Serializable {

    public BindingSet {
        bindings = List.copyOf(bindings);
    }

    public List<Binding> live(long nowMillis) {
        return bindings.stream().filter(b -> b.live(nowMillis)).toList();
    }
}
