package dev.shmt.runtime.spi;

import dev.shmt.api.PolicyChoice;
import java.util.List;
import java.util.Objects;

/**
 * What a policy chose for one call before it was partitioned ({@link Policy#setup}).
 *
 * @param devices the eligible devices that run the call's HLOPs (at least one)
 * @param tileScale the tile size (or chunk, or rows per HLOP) as a power of two of the hinted one: -1
 *     halves it, 0 keeps it, 1 doubles it
 * @param choice what the report says about the choice; null for policies that choose nothing per call
 */
public record CallSetup(List<QueueView> devices, int tileScale, PolicyChoice choice) {
    public CallSetup {
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a call setup needs at least one device");
        }
        if (tileScale < -4 || tileScale > 4) {
            throw new IllegalArgumentException("tileScale: expected -4 to 4, got " + tileScale);
        }
    }

    /** Every eligible device, tiles as hinted, nothing to report: what policies that do not choose get. */
    public static CallSetup all(List<QueueView> eligible) {
        return new CallSetup(Objects.requireNonNull(eligible, "eligible"), 0, null);
    }
}
