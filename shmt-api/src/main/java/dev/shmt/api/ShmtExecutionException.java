package dev.shmt.api;

import java.util.List;

/**
 * A VOP call failed: some HLOP could not run on any device. The message names the VOP, each failed
 * HLOP's region with every device's error, and the output regions that were written; the regions are
 * also here as lists. A failed region's output may be partly written.
 */
public class ShmtExecutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<Region> failedRegions;
    private final List<Region> writtenRegions;

    public ShmtExecutionException(String message, Throwable cause) {
        this(message, cause, List.of(), List.of());
    }

    public ShmtExecutionException(String message, Throwable cause, List<Region> failedRegions,
                                  List<Region> writtenRegions) {
        super(message, cause);
        this.failedRegions = List.copyOf(failedRegions);
        this.writtenRegions = List.copyOf(writtenRegions);
    }

    /** The regions of the HLOPs no device could run, in HLOP order. */
    public List<Region> failedRegions() {
        return failedRegions;
    }

    /** The regions whose HLOPs completed, so their output is written, in HLOP order. */
    public List<Region> writtenRegions() {
        return writtenRegions;
    }
}
