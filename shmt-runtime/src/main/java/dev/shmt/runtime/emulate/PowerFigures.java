package dev.shmt.runtime.emulate;

/**
 * What an emulated device draws: its power idle and while it runs HLOPs (all its workers busy), and the
 * energy of each byte its bus moves. Emulated energy is the platform's idle power over the whole time,
 * plus each device's {@code active - idle} over its busy time, plus its bus's bytes.
 *
 * @param idleWatts the device's power while idle, part of the platform's idle power
 * @param activeWatts its power while all its workers run HLOPs
 * @param busPicojoulesPerByte energy per byte moved over its bus; 0 without a bus
 */
public record PowerFigures(double idleWatts, double activeWatts, double busPicojoulesPerByte) {
    public PowerFigures {
        if (!(idleWatts >= 0) || !(activeWatts >= idleWatts) || Double.isInfinite(activeWatts)) {
            throw new IllegalArgumentException("power: expected 0 <= idle_w <= active_w, finite, got idle_w "
                    + idleWatts + ", active_w " + activeWatts);
        }
        if (!(busPicojoulesPerByte >= 0) || Double.isInfinite(busPicojoulesPerByte)) {
            throw new IllegalArgumentException("power: bus_pj_per_byte must be a finite number >= 0, got "
                    + busPicojoulesPerByte);
        }
    }

    /** The power above idle while busy. */
    public double dynamicWatts() {
        return activeWatts - idleWatts;
    }
}
