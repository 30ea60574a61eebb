package org.collabedge.http.rules;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.collabedge.config.FieldError;

/**
 * Reads one of the seed's CSV files (rules or tests) into numbered rows after checking its header line. Values may
 * be quoted, and a space before an opening quote is tolerated (the seed's own example has one). A quoting error ends
 * the reading: it is reported at its line, and the rows before it are kept.
 */
final class CsvRows {

    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    /** One data row: the line it starts on and its values, exactly as many as the header names. */
    record Row(long line, List<String> values) {
        String value(int column) {
            return restore(values.get(column).trim());
        }
    }

    /** First characters that make Excel, LibreOffice or Sheets run a cell as a formula (OWASP "CSV injection"). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    /**
     * A value safe to open in a spreadsheet: one that would start a formula (or already starts with the neutralising
     * apostrophe) gets an apostrophe in front, which spreadsheets show as text and {@link Row#value} takes off again.
     */
    static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return FORMULA_STARTS.indexOf(c) >= 0 || c == '\'' && value.length() > 1
                && (FORMULA_STARTS.indexOf(value.charAt(1)) >= 0 || value.charAt(1) == '\'') ? "'" + value : value;
    }

    /** Undoes {@link #neutralise}; an apostrophe before anything else is the value's own. */
    static String restore(String value) {
        if (value.length() > 1 && value.charAt(0) == '\''
                && (FORMULA_STARTS.indexOf(value.charAt(1)) >= 0 || value.charAt(1) == '\'')) {
            return value.substring(1);
        }
        return value;
    }

    /** A problem on one line of a file. */
    record LineError(long line, FieldError error) {
    }

    final List<Row> rows = new ArrayList<>();
    final List<LineError> errors = new ArrayList<>();
    /** How many columns the file's header named (0 when it had none or a wrong one). */
    int columns;

    private CsvRows() {
    }

    /** Reads {@code text}; {@code header} lists the column names the first line must hold, in order. */
    static CsvRows read(String text, List<String> header, String field) {
        return read(text, header, null, field);
    }

    /**
     * As {@link #read(String, List, String)}, but the header may also end in {@code optionalLast}; every row then
     * has that column too ({@link #columns} tells which form the file used).
     */
    static CsvRows read(String text, List<String> header, String optionalLast, String field) {
        CsvRows out = new CsvRows();
        try (CSVParser parser = CSVParser.parse(new StringReader(text == null ? "" : text), FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            LineCounter lines = new LineCounter(text == null ? "" : text);
            try {
                if (!records.hasNext()) {
                    out.errors.add(new LineError(1, new FieldError(field, "error.csv_empty")));
                    return out;
                }
                CSVRecord first = records.next();
                List<String> names = first.toList().stream().map(String::trim).toList();
                List<String> longer = new ArrayList<>(header);
                if (optionalLast != null) {
                    longer.add(optionalLast);
                }
                if (lowerCase(names).equals(lowerCase(longer))) {
                    header = longer;
                } else if (!lowerCase(names).equals(lowerCase(header))) {
                    out.errors.add(new LineError(1, new FieldError(field, "error.csv_header",
                            String.join(",", header))));
                    return out;
                }
                out.columns = header.size();
                while (records.hasNext()) {
                    CSVRecord r = records.next();
                    long line = lines.lineAt(r.getCharacterPosition());
                    if (r.size() != header.size()) {
                        out.errors.add(new LineError(line, new FieldError(field, "error.csv_columns", r.size(),
                                header.size())));
                    } else {
                        out.rows.add(new Row(line, r.toList()));
                    }
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                // Commons CSV reports a broken quote while iterating; the rest of the file cannot be trusted.
                out.errors.add(new LineError(quoteLine(e, parser.getCurrentLineNumber()),
                        new FieldError(field, "error.csv_quoting")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Commons CSV names the line the broken value starts on ("(startline 3) EOF reached ..."). */
    private static long quoteLine(RuntimeException e, long fallback) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("startline (\\d+)")
                .matcher(String.valueOf(e.getMessage()));
        return m.find() ? Long.parseLong(m.group(1)) : fallback;
    }

    /** 1-based line of a character offset, counted forward once (records come in order). */
    private static final class LineCounter {
        private final String text;
        private int scanned;
        private long line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        long lineAt(long offset) {
            long start = offset; // a record after skipped empty lines is placed at the first of them
            while (start < text.length() && (text.charAt((int) start) == '\n' || text.charAt((int) start) == '\r')) {
                start++;
            }
            for (; scanned < start && scanned < text.length(); scanned++) {
                if (text.charAt(scanned) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    private static List<String> lowerCase(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
