package dev.shmt.runtime.energy;

import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.EnergyMeter;
import java.io.IOException;
import java.util.List;
import java.util.function.LongToDoubleFunction;

/** Channels with known values, for the monitor's arithmetic. */
final class StandInChannel implements EnergyChannel {
    /** A stand-in reading that can fail. */
    interface Reader {
        double read(long nanos) throws IOException;
    }

    private final String name;
    private final String device;
    private final Scope scope;
    private final Method method;
    private final boolean outside;
    private final Reader reader;
    private final double wrap;

    StandInChannel(String name, String device, Scope scope, Method method, boolean outside, Reader reader, double wrap) {
        this.name = name;
        this.device = device;
        this.scope = scope;
        this.method = method;
        this.outside = outside;
        this.reader = reader;
        this.wrap = wrap;
    }

    /** Power as a function of {@link System#nanoTime()}. */
    static StandInChannel power(String name, Scope scope, LongToDoubleFunction watts) {
        return new StandInChannel(name, null, scope, Method.SAMPLED, false, watts::applyAsDouble, Double.POSITIVE_INFINITY);
    }

    /** A counter whose reads are {@code reader}'s, in joules. */
    static StandInChannel counter(String name, Scope scope, boolean outside, Reader reader, double wrap) {
        return new StandInChannel(name, null, scope, Method.COUNTER, outside, reader, wrap);
    }

    static EnergyMeter meter(String name, EnergyChannel... channels) {
        return new EnergyMeter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String unavailable() {
                return null;
            }

            @Override
            public List<EnergyChannel> channels() {
                return List.of(channels);
            }
        };
    }

    static EnergyMeter missing(String name, String why) {
        return new EnergyMeter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String unavailable() {
                return why;
            }

            @Override
            public List<EnergyChannel> channels() {
                return List.of();
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public boolean outsideSystem() {
        return outside;
    }

    @Override
    public double joules() throws IOException {
        return reader.read(System.nanoTime());
    }

    @Override
    public double wrapJoules() {
        return wrap;
    }

    @Override
    public double resolutionJoules() {
        return 1e-6;
    }

    @Override
    public double watts() throws IOException {
        return reader.read(System.nanoTime());
    }
}
