package dev.shmt.runtime.spi;

import dev.shmt.api.DeviceKind;
import dev.shmt.api.Precision;
import dev.shmt.api.VopCall;

/**
 * One piece of hardware the runtime schedules HLOPs on. The runtime starts {@link #threads()} worker
 * threads for it, each taking HLOPs from the device's incoming queue and calling {@link #run(Hlop)}.
 */
public interface Device extends AutoCloseable {
    /** Short unique name users select it by: "cpu", "gpu", "npu". */
    String name();

    DeviceKind kind();

    Precision precision();

    /** Worker threads the runtime runs this device's HLOPs on. */
    int threads();

    /**
     * True when the device's work runs on host cores (the CPU, an NPU on TFLite's CPU kernels), so that
     * by default it gets cores of its own and does not share them with another such device. Default:
     * true for {@link DeviceKind#CPU}.
     */
    default boolean computesOnHost() {
        return kind() == DeviceKind.CPU;
    }

    /** One line for listings: the model, driver or runtime version. Empty when there is nothing to add. */
    default String detail() {
        return "";
    }

    /** Available, or unavailable with the cause; an unavailable device gets no workers. */
    DeviceStatus status();

    /** True when {@code call} carries an implementation this device can run. */
    boolean supports(VopCall call);

    /**
     * Why this device does not take {@code call} (called only when {@link #supports} answered false): the
     * line reports and the bench show for it. Default: it has no implementation of the VOP it can run. A
     * device that knows more (a partition model it cannot run, a VOP that declares its form impossible
     * here) says that instead.
     */
    default String whyNot(VopCall call) {
        return "no implementation of " + call.name() + " it can run";
    }

    /**
     * Runs one HLOP on a worker thread and returns its partial result (REDUCE) or null. Throwing sends
     * the HLOP to another device; nothing is lost.
     */
    Object run(Hlop hlop) throws Exception;

    /**
     * True when {@link #run} computes into the device's own buffers and calls
     * {@link Hlop#claimOutput()} right before writing the caller's output (writing nothing when it
     * answers false). Then the watchdog can abandon a hung HLOP and discard its late result. False (the
     * default) means the device writes the caller's output as it computes, like the CPU running the VOP
     * body on tile views: the runtime claims the output before {@code run}, and the watchdog leaves such
     * an HLOP to finish.
     */
    default boolean stagesOutput() {
        return false;
    }

    /**
     * A modelled energy channel for a device that no meter covers (an Edge TPU: its datasheet power while
     * busy; an emulated device: its profile's figures), which the runtime reads when energy is on; null
     * (the default) when a meter covers the device or nothing models it.
     */
    default EnergyChannel energyModel() {
        return null;
    }

    /** Releases native resources once every worker has stopped. */
    @Override
    default void close() {}
}
