package org.collabedge.sip.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands objects to the parts JAIN-SIP builds by class name (network layer, message valve). The stack keeps only
 * string properties, so the objects wait here under the stack's unique name until the stack stops.
 */
public final class StackContexts {

    private static final Map<String, Map<String, Object>> BY_STACK = new ConcurrentHashMap<>();

    private StackContexts() {
    }

    public static void register(String stackName, Map<String, Object> contexts) {
        BY_STACK.put(stackName, Map.copyOf(contexts));
    }

    public static <T> T get(String stackName, String key, Class<T> type) {
        Object o = BY_STACK.getOrDefault(stackName, Map.of()).get(key);
        if (!type.isInstance(o)) {
            throw new IllegalStateException("SIP stack " + stackName + " started without " + key);
        }
        return type.cast(o);
    }

    /** Adds one object to a registered stack's contexts (a part switched on after the stack's properties). */
    public static void add(String stackName, String key, Object value) {
        BY_STACK.computeIfPresent(stackName, (name, all) -> {
            Map<String, Object> more = new java.util.HashMap<>(all);
            more.put(key, value);
            return Map.copyOf(more);
        });
    }

    /** An optional context, empty when the stack runs without it. */
    public static <T> java.util.Optional<T> find(String stackName, String key, Class<T> type) {
        Object o = BY_STACK.getOrDefault(stackName, Map.of()).get(key);
        return type.isInstance(o) ? java.util.Optional.of(type.cast(o)) : java.util.Optional.empty();
    }

    public static void remove(String stackName) {
        BY_STACK.remove(stackName);
    }
}
