package org.collabedge.openfire;

import static org.mockito.ArgumentMatchers.anyString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.PropertyEventDispatcher;
import org.jivesoftware.util.PropertyEventListener;
import org.mockito.MockedStatic;

/**
 * JiveGlobals properties on a map, behaving like JiveProperties where it matters here: a delete removes the
 * property and its children ({@code name.*}), and set/delete dispatch events synchronously on the calling thread
 * to the listeners registered with PropertyEventDispatcher.
 */
final class FakeProperties {

    final Map<String, String> values = new ConcurrentHashMap<>();
    final List<PropertyEventListener> listeners = new CopyOnWriteArrayList<>();
    final List<String> written = new CopyOnWriteArrayList<>();

    void install(MockedStatic<JiveGlobals> globals) {
        globals.when(() -> JiveGlobals.getProperty(anyString())).thenAnswer(i -> values.get(i.<String>getArgument(0)));
        globals.when(() -> JiveGlobals.setProperty(anyString(), anyString())).thenAnswer(i -> {
            set(i.getArgument(0), i.getArgument(1));
            return null;
        });
        globals.when(() -> JiveGlobals.deleteProperty(anyString())).thenAnswer(i -> {
            delete(i.getArgument(0));
            return null;
        });
        globals.when(() -> JiveGlobals.isPropertySensitive(anyString())).thenCallRealMethod();
    }

    void install(MockedStatic<JiveGlobals> globals, MockedStatic<PropertyEventDispatcher> dispatcher) {
        install(globals);
        dispatcher.when(() -> PropertyEventDispatcher.addListener(org.mockito.ArgumentMatchers.any()))
                .thenAnswer(i -> listeners.add(i.getArgument(0)));
        dispatcher.when(() -> PropertyEventDispatcher.removeListener(org.mockito.ArgumentMatchers.any()))
                .thenAnswer(i -> listeners.remove(i.<PropertyEventListener>getArgument(0)));
    }

    /** As another cluster node's write arrives here: the value changes and the event fires. */
    void set(String name, String value) {
        written.add(name);
        values.put(name, value);
        for (PropertyEventListener listener : listeners) {
            listener.propertySet(name, Map.of("value", value));
        }
    }

    void delete(String name) {
        List<String> gone = new ArrayList<>();
        for (String key : values.keySet()) {
            if (key.equals(name) || key.startsWith(name + ".")) {
                gone.add(key);
            }
        }
        gone.forEach(values::remove);
        for (PropertyEventListener listener : listeners) {
            listener.propertyDeleted(name, Map.of());
        }
    }
}
