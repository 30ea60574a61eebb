package org.collabedge.admin;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import org.collabedge.i18n.Messages;

/**
 * Renders the admin pages from Pebble templates with auto-escaping on, so every value that reaches HTML is escaped
 * unless a template explicitly says otherwise. Text comes from the i18n bundles through {@code t('key', args...)}.
 */
public final class PageRenderer {

    private final PebbleEngine engine;

    public PageRenderer() {
        ClasspathLoader loader = new ClasspathLoader(PageRenderer.class.getClassLoader());
        loader.setPrefix("org/collabedge/admin/templates");
        loader.setSuffix(".peb");
        engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(false)
                .extension(new I18nExtension())
                .build();
    }

    public void render(String template, Map<String, Object> model, Locale locale, Writer out) {
        PebbleTemplate t = engine.getTemplate(template);
        try {
            t.evaluate(out, model, locale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String render(String template, Map<String, Object> model, Locale locale) {
        StringWriter w = new StringWriter();
        render(template, model, locale, w);
        return w.toString();
    }

    /** {@code instant | when}: an instant as people read it, to the second, in UTC. */
    private static final class WhenFilter implements io.pebbletemplates.pebble.extension.Filter {
        private static final java.time.format.DateTimeFormatter FORMAT =
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

        @Override
        public List<String> getArgumentNames() {
            return List.of();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int line) {
            if (input instanceof java.time.Instant instant) {
                return FORMAT.format(instant);
            }
            if (input instanceof java.util.Date date) {
                return FORMAT.format(date.toInstant());
            }
            return input;
        }
    }

    /** {@code t('key')} and {@code t('key', arg0, arg1, ...)}: the page's language from the evaluation locale. */
    private static final class I18nExtension extends AbstractExtension {
        @Override
        public Map<String, io.pebbletemplates.pebble.extension.Filter> getFilters() {
            return Map.of("when", new WhenFilter());
        }

        @Override
        public Map<String, Function> getFunctions() {
            return Map.of("t", new Function() {
                @Override
                public List<String> getArgumentNames() {
                    return null; // positional: "0" is the key, the rest are arguments
                }

                @Override
                public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                                      int line) {
                    List<Object> values = new ArrayList<>();
                    for (int i = 1; args.containsKey(String.valueOf(i)); i++) {
                        Object v = args.get(String.valueOf(i));
                        values.add(v instanceof Number n ? String.valueOf(n) : v);
                    }
                    return Messages.forLocale(context.getLocale()).get(String.valueOf(args.get("0")),
                            values.toArray());
                }
            });
        }
    }
}
