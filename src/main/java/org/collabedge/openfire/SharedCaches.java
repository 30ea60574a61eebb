package org.collabedge.openfire;

import org.jivesoftware.util.JiveGlobals;
import org.jivesoftware.util.cache.Cache;
import org.jivesoftware.util.cache.CacheFactory;

/**
 * Opens the CacheFactory caches behind the shared state. Every name starts with {@code collabedge-}.
 *
 * <p>CacheFactory gives a cache it has no defaults for a maximum size of 256 KB and a maximum entry lifetime of six
 * hours (DEFAULT_MAX_CACHE_SIZE / DEFAULT_MAX_CACHE_LIFETIME), after which entries silently vanish, and the Hazelcast
 * plugin sizes its maps from the same values. The shared map manages expiry itself, so before creating a cache this
 * sets {@code cache.<name>.size} and {@code cache.<name>.maxLifetime} to -1 (unbounded) unless an administrator has
 * already set them: those are the property names CacheFactory#getCacheProperty reads.
 */
final class SharedCaches {

    static final String PREFIX = "collabedge-";

    private SharedCaches() {
    }

    static Cache<String, byte[]> open(String cacheName) {
        unboundedUnlessConfigured("cache." + cacheName.replace(" ", "") + ".size");
        unboundedUnlessConfigured("cache." + cacheName.replace(" ", "") + ".maxLifetime");
        return CacheFactory.createCache(cacheName);
    }

    static String mapCache(String name) {
        return PREFIX + requireName(name);
    }

    static String counterCache(String name) {
        return PREFIX + "counters-" + requireName(name);
    }

    static String lockCache() {
        return PREFIX + "locks";
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("shared state names must not be blank");
        }
        return name;
    }

    private static void unboundedUnlessConfigured(String property) {
        if (JiveGlobals.getProperty(property) == null) {
            JiveGlobals.setProperty(property, "-1");
        }
    }
}
