package dev.shmt.runtime.spi;

import dev.shmt.api.Cores;
import java.util.function.Predicate;

/**
 * What a policy sees of one device's incoming queue (section 3.3 of the paper). The scheduler calls
 * {@link Policy#steal} with its lock held; {@link #pending()} and {@link #stealLast} are valid only
 * there, and throw {@link IllegalStateException} from anywhere else.
 */
public interface QueueView {
    Device device();

    /** The host cores the device's workers run on, and whether they are pinned there. */
    Cores cores();

    /** Why the device was quarantined for the rest of the runtime's life; null when it was not. */
    String quarantine();

    /** HLOPs waiting in the incoming queue. Under the scheduler's lock only. */
    int pending();

    /** HLOPs its workers are running now. Under the scheduler's lock only. */
    int running();

    /**
     * Removes and returns the HLOP nearest the tail that {@code thief} may run (its precision floor and
     * earlier failures allowing), or null. Taking from the far end leaves the victim the work it is
     * about to start. Under the scheduler's lock only.
     */
    Hlop stealLast(QueueView thief);

    /** As {@link #stealLast(QueueView)}, among the HLOPs {@code accept} accepts. Under the scheduler's lock only. */
    Hlop stealLast(QueueView thief, Predicate<Hlop> accept);

    /**
     * How long this device usually takes for {@code h}: its recent HLOPs of the same VOP, per cell, times
     * {@code h}'s cells; NaN until it has run one.
     */
    double typicalNanos(Hlop h);

    /**
     * The device's power, for policies that weigh energy: with energy on, the mean power of the device's
     * own meter channel over the last call (an NVML GPU, a Jetson's CPU or GPU rail), or its model's
     * figures (an Edge TPU's datasheet, an emulated device's profile); {@link DevicePower#UNKNOWN} when
     * energy is off or nothing covers the device alone. {@link DevicePower#source()} says which.
     */
    default DevicePower power() {
        return DevicePower.UNKNOWN;
    }
}
