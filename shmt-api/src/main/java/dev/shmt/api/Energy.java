package dev.shmt.api;

import java.util.List;
import java.util.Locale;

/**
 * The energy one window (a call, or whatever a tool measured) took, per meter channel and in total.
 * Meters see the whole machine or a whole component, not one call: calls that overlap on one runtime, or
 * other programs, are counted in each window they overlap.
 *
 * @param readings every channel of every meter that worked, in discovery order
 * @param windowNanos how long the window was
 * @param totalJoules the system's energy over the window: a wall meter's when there is one, else a
 *     system channel's (the module's input rail, RAPL's psys) plus any component on no such channel (a
 *     discrete GPU, a USB Edge TPU), else the sum of the components; NaN without any reading
 * @param totalErrorJoules the bound on {@code totalJoules}' error that its methods state
 * @param totalFrom which channels the total adds up, as text
 * @param idle the idle baseline, null when none was measured
 * @param unavailable why there is no reading, or which meters did not work; null when every meter worked
 */
public record Energy(List<Reading> readings, long windowNanos, double totalJoules, double totalErrorJoules,
                     String totalFrom, IdlePower idle, String unavailable) {
    /**
     * One channel over the window.
     *
     * @param meter the meter ({@code rapl}, {@code nvml}, {@code ina3221}, {@code external}, {@code model})
     * @param channel its channel ({@code package-0}, {@code VDD_IN}, {@code gpu0})
     * @param device the runtime device it belongs to alone ({@code cpu}, {@code gpu}); null when it
     *     covers several or none
     * @param scope {@code wall}, {@code system}, {@code component} or {@code within} (a part of another channel)
     * @param method how it was measured: {@code counter}, {@code sampled every N ms} or {@code modelled ...}
     * @param errorJoules the bound on the error that the method states (counter resolution, sampling)
     */
    public record Reading(String meter, String channel, String device, String scope, String method, double joules,
                          double errorJoules) {
        /** {@code meter:channel}, the key of {@link IdlePower#watts()}. */
        public String key() {
            return meter + ":" + channel;
        }
    }

    public Energy {
        readings = List.copyOf(readings);
    }

    /** Why a runtime without energy has no reading: {@link #unavailable()} of {@link #off}. */
    public static final String OFF = "energy is off (Shmt.builder().energy(EnergySettings.ON) turns it on)";

    /** A window of a runtime that does not measure energy. */
    public static Energy off(long windowNanos) {
        return none(OFF, windowNanos);
    }

    /** True for a runtime that does not measure energy, as opposed to one whose meters found nothing. */
    public boolean isOff() {
        return !measured() && OFF.equals(unavailable);
    }

    /** A window with no reading, and why. */
    public static Energy none(String why, long windowNanos) {
        return new Energy(List.of(), windowNanos, Double.NaN, Double.NaN, "", null, why);
    }

    /** True when some channel gave a reading. */
    public boolean measured() {
        return !readings.isEmpty();
    }

    /** Mean power over the window: {@link #totalJoules} over its length. */
    public double meanWatts() {
        return windowNanos <= 0 ? Double.NaN : totalJoules / (windowNanos / 1e9);
    }

    /** Total energy less idle power over the window; NaN without an idle baseline. */
    public double aboveIdleJoules() {
        return idle == null ? Double.NaN : totalJoules - idle.totalWatts() * windowNanos / 1e9;
    }

    /** The joules of the channels that belong to {@code device} alone; NaN when none does. */
    public double joulesOf(String device) {
        double sum = Double.NaN;
        for (Reading r : readings) {
            if (device.equals(r.device()) && !r.scope().equals("within")) {
                sum = Double.isNaN(sum) ? r.joules() : sum + r.joules();
            }
        }
        return sum;
    }

    /** The reading of {@code meter:channel}; null when there is none. */
    public Reading reading(String key) {
        return readings.stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    /** A few lines: the total, above idle when known, then each channel with its method. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        if (!measured()) {
            return sb.append("  energy: not measured: ").append(unavailable).append('\n').toString();
        }
        sb.append(String.format(Locale.ROOT, "  energy: %.4g J (+/- %.2g) over %.3f ms, mean %.3g W, from %s%s%n",
                totalJoules, totalErrorJoules, windowNanos / 1e6, meanWatts(), totalFrom,
                idle == null ? "" : String.format(Locale.ROOT, "; above idle (%.3g W): %.4g J", idle.totalWatts(),
                        aboveIdleJoules())));
        for (Reading r : readings) {
            sb.append(String.format(Locale.ROOT, "    %-28s %-9s %-6s %12.4g J +/- %-9.2g %s%n", r.key(), r.scope(),
                    r.device() == null ? "-" : r.device(), r.joules(), r.errorJoules(), r.method()));
        }
        if (unavailable != null) {
            sb.append("    not measured: ").append(unavailable).append('\n');
        }
        return sb.toString();
    }
}
