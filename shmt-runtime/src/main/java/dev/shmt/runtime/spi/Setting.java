package dev.shmt.runtime.spi;

import java.util.Locale;
import java.util.function.Function;

/**
 * A device's setting: a system property, else an environment variable, as every SHMT setting is read, with
 * the messages that name it the same way everywhere ({@code -Dshmt.npu=x: expected ...}).
 *
 * @param property the system property, which wins ({@code shmt.npu})
 * @param env the environment variable ({@code SHMT_NPU})
 */
public record Setting(String property, String env) {
    /** The trimmed value, lower-cased; null when neither is set or the one set is blank. */
    public String value() {
        String v = raw();
        return v == null || v.isBlank() ? null : v.trim().toLowerCase(Locale.ROOT);
    }

    /** The trimmed value as given (a path keeps its case); null when neither is set or the one set is blank. */
    public String text() {
        String v = raw();
        return v == null || v.isBlank() ? null : v.trim();
    }

    private String raw() {
        String p = System.getProperty(property);
        return p != null ? p : System.getenv(env);
    }

    /** Where the value came from, with it: "-Dshmt.npu=edgetpu" or "SHMT_NPU=edgetpu". */
    public String origin() {
        return (System.getProperty(property) != null ? "-D" + property : env) + "=" + raw();
    }

    /**
     * The one of {@code choices} whose {@code text} is the value, {@code unset} when there is none; any other
     * value is an IllegalArgumentException naming the setting and {@code expected}.
     */
    public <T> T choose(T[] choices, Function<T, String> text, T unset, String expected) {
        String v = value();
        if (v == null) {
            return unset;
        }
        for (T c : choices) {
            if (text.apply(c).equals(v)) {
                return c;
            }
        }
        throw invalid(expected);
    }

    /** The exception for a value that is none of {@code expected} ("auto, jcuda or jna"). */
    public IllegalArgumentException invalid(String expected) {
        return new IllegalArgumentException(origin() + ": expected " + expected);
    }
}
