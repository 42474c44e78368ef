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
    private final List<Tracked> sampled = new ArrayList<>();
    /** The sampling thread's CPU time when this monitor joined it, and when it left (-1 while open). */
    private final long samplerCpuAtStart;
    private volatile long samplerCpuAtClose = -1;
    private volatile IdlePower idle;
    /** Per channel key, the mean power of its last window: what {@link #power} reports as measured. */
    private final Map<String, Double> lastWatts = new ConcurrentHashMap<>();
    /** Emulated time per real time: 1 / the dilation of an emulated runtime, whose models count emulated time. */
    private final double timeScale;

    /**
     * Opens {@code meters} (closed again by {@link #close()}) and, when one of them gives power, the
     * sampling thread named {@code threadName}.
     */
    public EnergyMonitor(EnergySettings settings, List<EnergyMeter> meters, String threadName) {
        this(settings, meters, threadName, 1);
    }

    /**
     * As {@link #EnergyMonitor(EnergySettings, List, String)}, with windows {@code timeScale} times as long as
     * they really were: for an emulated runtime, whose modelled joules are in emulated time, 1 / its dilation.
     */
    public EnergyMonitor(EnergySettings settings, List<EnergyMeter> meters, String threadName, double timeScale) {
        if (!(timeScale > 0) || timeScale > 1) {
            throw new IllegalArgumentException("timeScale: expected (0, 1], got " + timeScale);
        }
        this.timeScale = timeScale;
        if (!settings.enabled()) {
            throw new IllegalArgumentException("settings: energy is off; a runtime without energy has no monitor");
        }
        this.meters = List.copyOf(meters);
        double interval = settings.interval().toNanos() / 1e9;
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
        this.sampler = sampled.isEmpty() ? null : Sampler.register(settings.interval(), sampled, threadName);
        this.samplerCpuAtStart = sampler == null ? 0 : sampler.cpuNanos();
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
        long window = Math.round((t1 - t0) * timeScale);
        if (channels.isEmpty()) {
            return Energy.none(unavailable(), window);
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
                if (window > 0) {
                    lastWatts.put(t.key, r.joules() / (window / 1e9));
                }
            }
        }
        String missing = unavailable();
        if (failures.length() > 0) {
            missing = (missing == null ? "" : missing + "; ") + "read failed: " + failures;
        }
        return Totals.of(readings, read, window, idle, missing);
    }

    @Override
    public IdlePower measureIdle(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration: expected a positive idle time, got " + duration);
        }
        if (!channels.isEmpty() && channels.stream().allMatch(t -> t.channel.method() == EnergyChannel.Method.MODELLED)) {
            idle = modelledIdle();
            return idle;
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

    /**
     * Idle power when every channel is a model: no need to wait, the models say it. A channel with an idle
     * figure of its own (an emulated platform) gives it; a device's model counts energy above idle, 0 at rest.
     */
    private IdlePower modelledIdle() {
        Map<String, Double> watts = new LinkedHashMap<>();
        double total = 0;
        for (Tracked t : channels) {
            double w = t.channel.scope() == EnergyChannel.Scope.COMPONENT && t.channel.device() == null
                    && !Double.isNaN(t.channel.modelledIdleWatts()) ? t.channel.modelledIdleWatts() : 0;
            watts.put(t.key, w);
            total += t.channel.scope() == EnergyChannel.Scope.WITHIN ? 0 : w;
        }
        return new IdlePower(watts, total, 0);
    }

    @Override
    public IdlePower idle() {
        return idle;
    }

    /**
     * The shared sampling thread's CPU time while this monitor was open: what sampling cost the process
     * meanwhile, this runtime's channels and those of any other runtime open at the same time.
     */
    @Override
    public long samplerCpuNanos() {
        if (sampler == null) {
            return 0;
        }
        long end = samplerCpuAtClose >= 0 ? samplerCpuAtClose : sampler.cpuNanos();
        return Math.max(0, end - samplerCpuAtStart);
    }

    /** The name of the sampling thread this monitor's power channels are read on; null without any. */
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
        if (sampler != null && samplerCpuAtClose < 0) {
            samplerCpuAtClose = sampler.cpuNanos();
            sampler.unregister(sampled);
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
