package dev.shmt.runtime.energy;

import dev.shmt.api.Energy;
import dev.shmt.runtime.spi.EnergyChannel;
import java.util.Locale;

/** One channel as the monitor reads it: counters at a window's ends, power through its integral. */
final class Tracked {
    /** A channel's state when a window opened: a counter's joules, or the power integral's mark. */
    record Start(double joules, PowerIntegral.Mark mark, String failure) {}

    final String meter;
    final EnergyChannel channel;
    final String key;
    /** The sampled channel's integral; null for counters and models. */
    final PowerIntegral integral;
    private final double intervalSeconds;

    Tracked(String meter, EnergyChannel channel, double intervalSeconds) {
        this.meter = meter;
        this.channel = channel;
        this.key = meter + ":" + channel.name();
        this.integral = channel.method() == EnergyChannel.Method.SAMPLED ? new PowerIntegral() : null;
        this.intervalSeconds = intervalSeconds;
    }

    /** Sampling thread: one power reading into the integral. */
    void sample() {
        try {
            double w = channel.watts();
            if (!(w >= 0) || Double.isInfinite(w)) {
                integral.failed("read " + w + " W");
            } else {
                integral.add(System.nanoTime(), w);
            }
        } catch (Exception e) {
            integral.failed(String.valueOf(e.getMessage()));
        }
    }

    Start start(long nanos) {
        if (integral != null) {
            PowerIntegral.Mark m = integral.at(nanos);
            return m == null ? new Start(Double.NaN, null, "no power sample yet: " + integral.failure())
                    : new Start(Double.NaN, m, null);
        }
        try {
            return new Start(channel.joules(), null, null);
        } catch (Exception e) {
            return new Start(Double.NaN, null, String.valueOf(e.getMessage()));
        }
    }

    /** The reading from {@code s} to {@code nanos}; null with {@code failures} told why when it cannot be read. */
    Energy.Reading stop(Start s, long nanos, StringBuilder failures) {
        double joules;
        double error;
        String method;
        if (s.failure() != null) {
            append(failures, s.failure());
            return null;
        }
        if (integral != null) {
            PowerIntegral.Mark end = integral.at(nanos);
            if (integral.failure() != null) {
                append(failures, integral.failure());
            }
            joules = end.joules() - s.mark().joules();
            // Trapezoids: off by at most half the change across each; at each end, power may have moved since
            // the last sample by as much as the largest step seen.
            error = intervalSeconds * ((end.variation() - s.mark().variation()) / 2 + 2 * integral.largestStep());
            method = String.format(Locale.ROOT, "sampled every %.0f ms (%d samples)", intervalSeconds * 1e3,
                    end.samples() - s.mark().samples());
        } else {
            double now;
            try {
                now = channel.joules();
            } catch (Exception e) {
                append(failures, String.valueOf(e.getMessage()));
                return null;
            }
            joules = CounterDelta.delta(s.joules(), now, channel.wrapJoules());
            if (Double.isNaN(joules)) {
                append(failures, "the counter went backwards (" + s.joules() + " J, then " + now + " J)");
                return null;
            }
            boolean modelled = channel.method() == EnergyChannel.Method.MODELLED;
            error = modelled ? 0 : 2 * channel.resolutionJoules();
            method = modelled ? "modelled: " + channel.model() : "counter";
        }
        return new Energy.Reading(meter, channel.name(), channel.device(), channel.scope().name().toLowerCase(Locale.ROOT),
                method, joules, error);
    }

    private void append(StringBuilder failures, String why) {
        failures.append(failures.length() == 0 ? "" : "; ").append(key).append(": ").append(why);
    }
}
