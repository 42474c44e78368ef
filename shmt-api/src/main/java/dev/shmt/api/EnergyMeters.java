package dev.shmt.api;

import java.time.Duration;
import java.util.List;

/**
 * A runtime's energy meters ({@link Shmt#energy()}): what was found, and windows over any stretch of
 * time, several calls for example. Thread-safe.
 */
public interface EnergyMeters {
    /**
     * One meter as found: its name, what it reads (its channels, with how each is measured), and why it
     * does not work when it does not.
     *
     * @param cause null when it works; else why not, and how to allow it where that is possible
     */
    record Meter(String name, String detail, List<String> channels, String cause) {
        public Meter {
            channels = List.copyOf(channels);
        }

        public boolean available() {
            return cause == null;
        }
    }

    /** An open window; {@link #stop()} gives the energy from its start. */
    interface Window {
        Energy stop();
    }

    /** Energy off: no meters, every window says so. */
    EnergyMeters OFF = new EnergyMeters() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public List<Meter> meters() {
            return List.of();
        }

        @Override
        public Window start() {
            long t0 = System.nanoTime();
            return () -> Energy.off(System.nanoTime() - t0);
        }

        @Override
        public IdlePower measureIdle(Duration duration) {
            throw new IllegalStateException("energy is off; build the runtime with energy(EnergySettings.ON)");
        }

        @Override
        public IdlePower idle() {
            return null;
        }

        @Override
        public long samplerCpuNanos() {
            return 0;
        }

        @Override
        public String unavailable() {
            return Energy.OFF;
        }
    };

    /** Whether energy is measured. */
    boolean enabled();

    /** Every meter found, working or not. */
    List<Meter> meters();

    /** Why nothing is measured, or which meters do not work, in one line; null when every meter works. */
    String unavailable();

    /** Opens a window now. */
    Window start();

    /**
     * Measures idle power for {@code duration} (the caller keeps the machine idle meanwhile), keeps it as
     * this runtime's baseline for later windows, and returns it. Where every channel is a model (an
     * emulated platform), the models' idle figures are returned at once ({@link IdlePower#measuredNanos()} 0).
     *
     * @throws IllegalArgumentException when {@code duration} is not positive
     */
    IdlePower measureIdle(Duration duration);

    /** The idle baseline, null when none was measured or given. */
    IdlePower idle();

    /**
     * CPU time the sampling thread used while this runtime's meters were open (the thread is shared by
     * every runtime of the process sampling at the same interval); 0 without one.
     */
    long samplerCpuNanos();
}
