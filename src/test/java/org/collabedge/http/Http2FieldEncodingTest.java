package org.collabedge.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;

import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http2.hpack.HpackEncoder;
import org.eclipse.jetty.util.TypeUtil;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The plugin brings Jetty's HTTP/2 modules to an Openfire whose Jetty core was started without them. The two class
 * loaders are rebuilt here: a "server" loader with jetty-http (whose pre-encoded fields are set up under the server's
 * context class loader, as Openfire's own Jetty does at boot) and a "plugin" loader below it with HPACK and our
 * classes.
 */
class Http2FieldEncodingTest {

    @Test
    void onAFlatClassPathPreEncodedFieldsHaveTheirHttp2Form() {
        assertTrue(Http2FieldEncoding.available());
        assertTrue(Http2Support.available());
    }

    @Test
    void aServerJettyStartedWithoutHpackCannotWriteItsFieldsInHttp2SoNoH2IsOffered() throws Exception {
        try (URLClassLoader server = new URLClassLoader(new URL[] {jar(PreEncodedHttpField.class),
                jar(TypeUtil.class), jar(LoggerFactory.class)}, ClassLoader.getPlatformClassLoader());
             URLClassLoader plugin = new URLClassLoader(new URL[] {jar(Http2FieldEncoding.class),
                     jar(HpackEncoder.class)}, server)) {
            initialiseUnder(server, server);

            // What goes wrong: HPACK (the plugin's) cannot write a field the server's Jetty pre-encoded.
            Object field = server.loadClass(PreEncodedHttpField.class.getName())
                    .getConstructor(server.loadClass("org.eclipse.jetty.http.HttpHeader"), String.class)
                    .newInstance(dateHeader(server), "Thu, 01 Jan 1970 00:00:00 GMT");
            Class<?> encoderClass = plugin.loadClass(HpackEncoder.class.getName());
            Object encoder = encoderClass.getConstructor().newInstance();
            Method encode = encoderClass.getMethod("encode", ByteBuffer.class,
                    server.loadClass("org.eclipse.jetty.http.HttpField"));
            InvocationTargetException failed = assertThrows(InvocationTargetException.class,
                    () -> encode.invoke(encoder, ByteBuffer.allocate(256), field));
            assertInstanceOf(NullPointerException.class, failed.getCause());

            // So the edge sees it and serves HTTP/1.1.
            assertFalse(check(plugin));
        }
    }

    @Test
    void aServerJettyThatSawHpackAtStartCanWriteItsFieldsInHttp2() throws Exception {
        try (URLClassLoader server = new URLClassLoader(new URL[] {jar(PreEncodedHttpField.class),
                jar(TypeUtil.class), jar(LoggerFactory.class), jar(HpackEncoder.class)},
                ClassLoader.getPlatformClassLoader());
             URLClassLoader plugin = new URLClassLoader(new URL[] {jar(Http2FieldEncoding.class)}, server)) {
            initialiseUnder(server, server);
            assertTrue(check(plugin));
        }
    }

    /** Sets jetty-http's pre-encoders up as the server's Jetty does, with {@code context} as context loader. */
    private static void initialiseUnder(ClassLoader server, ClassLoader context) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(context);
        try {
            Class.forName(PreEncodedHttpField.class.getName(), true, server);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static boolean check(ClassLoader plugin) throws Exception {
        Method available = plugin.loadClass(Http2FieldEncoding.class.getName()).getDeclaredMethod("available");
        available.setAccessible(true);
        return (Boolean) available.invoke(null);
    }

    private static Object dateHeader(ClassLoader server) throws Exception {
        return server.loadClass("org.eclipse.jetty.http.HttpHeader").getField("DATE").get(null);
    }

    private static URL jar(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
