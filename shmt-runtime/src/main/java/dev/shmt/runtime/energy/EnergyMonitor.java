package dev.shmt.runtime.energy;

import dev.shmt.api.Energy;
import dev.shmt.api.EnergyMeters;
import dev.shmt.api.EnergySettings;
import dev.shmt.api.IdlePower;
import dev.shmt.runtime.spi.DevicePower;
import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.EnergyMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A runtime's energy meters, read together: windows over calls (or any stretch of time), the idle
 * baseline, and each device's power for policies. Counters and models are read at a window's ends; power
 * channels are integrated by one {@link Sampler} thread, which exists only when some channel gives power.
 */
public final class EnergyMonitor implements EnergyMeters, AutoCloseable {
    private final List<EnergyMeter> meters;
    private final List<Tracked> channels = new ArrayList<>();
    private final Sampler sampler;
    private volatile IdlePower idle;
    /** Per channel key, the mean power of its last window: what {@link #power} reports as measured. */
    private final Map<String, Double> lastWatts = new ConcurrentHashMap<>();

    /**
     * Opens {@code meters} (closed again by {@link #close()}) and, when one of them gives power, the
     * sampling thread named {@code threadName}.
     */
    public EnergyMonitor(EnergySettings settings, List<EnergyMeter> meters, String threadName) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("settings: energy is off; a runtime without energy has no monitor");
        }
        this.meters = List.copyOf(meters);
        double interval = settings.interval().toNanos() / 1e9;
        List<Tracked> sampled = new ArrayList<>();
        for (EnergyMeter m : meters) {
            if (m.unavailable() != null) {
                continue;
            }
            for (EnergyChannel c : m.channels()) {
                Tracked t = new Tracked(m.name(), c, interval);
                channels.add(t);
                if (t.integral != null) {
                    sampled.add(t);
                }
            }
        }
        this.sampler = sampled.isEmpty() ? null : new Sampler(sampled, settings.interval(), threadName);
        if (sampler != null) {
            sampler.start();
        }
        this.idle = settings.idle();
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public List<Meter> meters() {
        List<Meter> out = new ArrayList<>();
        for (EnergyMeter m : meters) {
            List<String> chs = new ArrayList<>();
            if (m.unavailable() == null) {
                for (EnergyChannel c : m.channels()) {
                    chs.add(describe(c));
                }
            }
            out.add(new Meter(m.name(), m.detail(), chs, m.unavailable()));
        }
        return out;
    }

    private static String describe(EnergyChannel c) {
        String how = switch (c.method()) {
            case COUNTER -> "energy counter";
            case SAMPLED -> "power, sampled";
            case MODELLED -> "modelled: " + c.model();
        };
        return c.name() + " (" + c.scope().name().toLowerCase(Locale.ROOT)
                + (c.device() == null ? "" : ", device " + c.device()) + "; " + how
                + (c.outsideSystem() ? "; outside the system channel" : "")
                + (c.note().isEmpty() ? "" : "; " + c.note()) + ")";
    }

    @Override
    public String unavailable() {
        List<String> why = new ArrayList<>();
        for (EnergyMeter m : meters) {
            if (m.unavailable() != null) {
                why.add(m.name() + ": " + m.unavailable());
            }
        }
        if (why.isEmpty()) {
            return null;
        }
        return (channels.isEmpty() ? "no energy meter works here: " : "not working: ") + String.join("; ", why);
    }

    @Override
    public Window start() {
        long t0 = System.nanoTime();
        Tracked.Start[] starts = new Tracked.Start[channels.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = channels.get(i).start(t0);
        }
        return () -> stop(t0, starts);
    }

    private Energy stop(long t0, Tracked.Start[] starts) {
        long t1 = System.nanoTime();
        if (channels.isEmpty()) {
            return Energy.none(unavailable(), t1 - t0);
        }
        List<Energy.Reading> readings = new ArrayList<>();
        List<Tracked> read = new ArrayList<>();
        StringBuilder failures = new StringBuilder();
        for (int i = 0; i < starts.length; i++) {
            Tracked t = channels.get(i);
            Energy.Reading r = t.stop(starts[i], t1, failures);
            if (r != null) {
                readings.add(r);
                read.add(t);
                if (t1 > t0) {
                    lastWatts.put(t.key, r.joules() / ((t1 - t0) / 1e9));
                }
            }
        }
        String missing = unavailable();
        if (failures.length() > 0) {
            missing = (missing == null ? "" : missing + "; ") + "read failed: " + failures;
        }
        return Totals.of(readings, read, t1 - t0, idle, missing);
    }

    @Override
    public IdlePower measureIdle(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: expected a positive idle time, got " + duration);
        }
        Window w = start();
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Energy e = w.stop();
        double seconds = e.windowNanos() / 1e9;
        Map<String, Double> watts = new LinkedHashMap<>();
        for (Energy.Reading r : e.readings()) {
            watts.put(r.key(), r.joules() / seconds);
        }
        IdlePower measured = new IdlePower(watts, e.totalJoules() / seconds, e.windowNanos());
        idle = measured;
        return measured;
    }

    @Override
    public IdlePower idle() {
        return idle;
    }

    @Override
    public long samplerCpuNanos() {
        return sampler == null ? 0 : sampler.cpuNanos();
    }

    /** The sampling thread's name; null when there is none (no channel gives power). */
    public String samplerThread() {
        return sampler == null ? null : sampler.threadName();
    }

    /**
     * {@code device}'s power for policies: the mean power of its own channel over the last window (a call)
     * when a meter covers it alone, else its model's figures; {@link DevicePower#UNKNOWN} when neither.
     */
    public DevicePower power(String device) {
        for (Tracked t : channels) {
            EnergyChannel c = t.channel;
            if (!device.equals(c.device()) || c.scope() == EnergyChannel.Scope.WITHIN) {
                continue;
            }
            if (c.method() == EnergyChannel.Method.MODELLED) {
                return new DevicePower(c.modelledActiveWatts(), c.modelledIdleWatts(), "modelled: " + c.model());
            }
            Double w = lastWatts.get(t.key);
            if (w != null) {
                IdlePower base = idle;
                return new DevicePower(w, base == null ? Double.NaN : base.of(t.key), t.key + " measured over the last call");
            }
        }
        return DevicePower.UNKNOWN;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.stop();
        }
        for (EnergyMeter m : meters) {
            try {
                m.close();
            } catch (RuntimeException e) {
                System.getLogger(EnergyMonitor.class.getName()).log(System.Logger.Level.WARNING,
                        "closing energy meter " + m.name() + " failed", e);
            }
        }
    }
}
