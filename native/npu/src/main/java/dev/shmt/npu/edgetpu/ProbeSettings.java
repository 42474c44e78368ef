package dev.shmt.npu.edgetpu;

import java.time.Duration;
import java.util.Locale;

/**
 * How the NPU device probes libedgetpu before loading its delegate: {@code shmt.edgetpu.probe} /
 * {@code SHMT_EDGETPU_PROBE} = {@code on} (default: probe unless a cached verdict exists), {@code off}
 * (trust the library: no child process) or {@code force} (probe again, replacing the cached verdict);
 * {@code shmt.edgetpu.probe.timeout} / {@code SHMT_EDGETPU_PROBE_TIMEOUT} = seconds the child may spend
 * from loading libedgetpu to its answer.
 *
 * @param mode the probe mode
 * @param timeout the child's limit once it touches libedgetpu
 * @param origin "SHMT_EDGETPU_PROBE=off" for status lines; "" when the mode is the default
 */
public record ProbeSettings(Mode mode, Duration timeout, String origin) {
    public static final String PROPERTY = "shmt.edgetpu.probe";
    public static final String ENV = "SHMT_EDGETPU_PROBE";
    public static final String TIMEOUT_PROPERTY = "shmt.edgetpu.probe.timeout";
    public static final String TIMEOUT_ENV = "SHMT_EDGETPU_PROBE_TIMEOUT";

    /**
     * Ten seconds: a USB accelerator receives its firmware when the first delegate opens it (about a
     * second), and a Nano's cores are several times slower than a desktop's.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** A limit past ten minutes is a typo, not a wish: the device would seem to hang at start-up. */
    static final double MAX_TIMEOUT_SECONDS = 600;

    public enum Mode {
        ON,
        OFF,
        FORCE
    }

    /** The configured settings; a bad value is an IllegalArgumentException naming the setting. */
    public static ProbeSettings configured() {
        String prop = System.getProperty(PROPERTY);
        String value = prop != null ? prop : System.getenv(ENV);
        String source = prop != null ? "-D" + PROPERTY : ENV;
        Mode mode = Mode.ON;
        String origin = "";
        if (value != null && !value.isBlank()) {
            mode = switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "on" -> Mode.ON;
                case "off" -> Mode.OFF;
                case "force" -> Mode.FORCE;
                default -> throw new IllegalArgumentException(source + "=" + value + ": expected on, off or force");
            };
            origin = source + "=" + value.trim();
        }
        return new ProbeSettings(mode, configuredTimeout(), origin);
    }

    private static Duration configuredTimeout() {
        String prop = System.getProperty(TIMEOUT_PROPERTY);
        String value = prop != null ? prop : System.getenv(TIMEOUT_ENV);
        if (value == null || value.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        String source = prop != null ? "-D" + TIMEOUT_PROPERTY : TIMEOUT_ENV;
        double seconds;
        try {
            seconds = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException(source + "=" + value + ": expected seconds, more than 0 and at most "
                    + (int) MAX_TIMEOUT_SECONDS + " (e.g. 10 or 2.5)");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
