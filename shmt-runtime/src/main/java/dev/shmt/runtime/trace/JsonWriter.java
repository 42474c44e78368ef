package dev.shmt.runtime.trace;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A small streaming JSON writer for the runtime's machine-readable outputs (traces, benchmark
 * reports): objects and arrays are opened and closed explicitly and commas are placed for the caller.
 * Non-finite numbers are written as {@code null}, since JSON has no NaN or infinity.
 */
public final class JsonWriter {
    private static final MathContext SIGNIFICANT = new MathContext(12);

    private final StringBuilder out;
    /** Per open container: whether it already holds an element, so the next one needs a comma. */
    private boolean[] filled = new boolean[16];
    private int depth;
    private boolean afterName;
    private final boolean pretty;

    /** @param pretty one member per line, indented; false writes everything on one line */
    public JsonWriter(boolean pretty) {
        this.out = new StringBuilder(1 << 12);
        this.pretty = pretty;
    }

    public JsonWriter beginObject() {
        return open('{');
    }

    public JsonWriter endObject() {
        return close('}');
    }

    public JsonWriter beginArray() {
        return open('[');
    }

    public JsonWriter endArray() {
        return close(']');
    }

    /** The next member's name; its value follows. */
    public JsonWriter name(String name) {
        separate();
        string(name);
        out.append(pretty ? ": " : ":");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(double v) {
        separate();
        if (!Double.isFinite(v)) {
            out.append("null");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v);
        } else if (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e15) {
            // Twelve significant digits keep nanoseconds in microsecond timestamps of long runs and drop
            // binary noise such as 0.30000000000000004.
            out.append(new BigDecimal(v).round(SIGNIFICANT).stripTrailingZeros().toPlainString());
        } else {
            out.append(Double.toString(v));
        }
        return this;
    }

    public JsonWriter value(long v) {
        separate();
        out.append(v);
        return this;
    }

    public JsonWriter value(boolean v) {
        separate();
        out.append(v);
        return this;
    }

    public JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    /** Shorthands for one member. */
    public JsonWriter member(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter member(String name, double v) {
        return name(name).value(v);
    }

    public JsonWriter member(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter member(String name, boolean v) {
        return name(name).value(v);
    }

    /** The document; every container must be closed. */
    @Override
    public String toString() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " JSON container(s) still open");
        }
        return out.toString();
    }

    private JsonWriter open(char c) {
        separate();
        out.append(c);
        if (++depth == filled.length) {
            filled = java.util.Arrays.copyOf(filled, depth * 2);
        }
        filled[depth] = false;
        return this;
    }

    private JsonWriter close(char c) {
        if (depth == 0) {
            throw new IllegalStateException("no JSON container open to close with '" + c + "'");
        }
        boolean had = filled[depth--];
        if (had) {
            newline();
        }
        out.append(c);
        return this;
    }

    /** A comma before every element but a container's first; nothing between a name and its value. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (filled[depth]) {
                out.append(',');
            }
            filled[depth] = true;
            newline();
        }
    }

    private void newline() {
        if (pretty) {
            out.append('\n');
            out.append("  ".repeat(depth));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
