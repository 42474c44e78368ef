package dev.shmt.npu.edgetpu;

import dev.shmt.runtime.spi.EnergyChannel;
import dev.shmt.runtime.spi.ModelledChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Edge TPU's energy, modelled: no rail or counter covers it (USB and M.2 accelerators are powered
 * from the carrier board), so its busy time is priced at the datasheet's 2 W (0.5 W per TOPS at 4 TOPS
 * int8). An upper bound while busy; the idle draw is whatever the system channel already sees.
 */
public final class EdgeTpuPower {
    /** Coral datasheet: 4 TOPS int8 at 0.5 W per TOPS. */
    public static final double ACTIVE_WATTS = 2.0;

    private final LongAdder busyNanos = new LongAdder();
    private final EnergyChannel channel = new ModelledChannel("edgetpu", "npu", EnergyChannel.Scope.COMPONENT, true,
            "on no rail of the module: USB or M.2 power comes from the carrier board",
            "Edge TPU datasheet, 2 W (0.5 W per TOPS at 4 TOPS) while it runs HLOPs", ACTIVE_WATTS, Double.NaN,
            () -> ACTIVE_WATTS * busyNanos.sum() / 1e9);

    /** Adds one HLOP's time on the Edge TPU. */
    public void busy(long nanos) {
        busyNanos.add(nanos);
    }

    /** The modelled channel the device offers ({@code Device.energyModel()}). */
    public EnergyChannel channel() {
        return channel;
    }
}
