package dev.shmt.runtime.spi;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;

/**
 * One high-level operation as a device runs it and a policy moves it: the part of a VOP call covering
 * one region. The scheduler owns its state; this view only reads it, except for {@link #claimOutput()}.
 */
public interface Hlop {
    VopCall call();

    /** Position in the call's partition order. */
    int index();

    Region region();

    /** Whether the policy found this HLOP critical: it never runs on a device less precise than planned. */
    boolean critical();

    /** The policy's criticality score for this HLOP; NaN when it scores nothing. */
    double criticality();

    /**
     * Whether {@code q}'s device may take this HLOP: it runs the call, is not quarantined, has not failed
     * this HLOP, and is at least as precise as a critical HLOP's floor.
     */
    boolean mayRunOn(QueueView q);

    /**
     * Devices that stage their output ({@link Device#stagesOutput()}) call this right before writing the
     * HLOP's output into the caller's views. False means the watchdog gave the HLOP to another device:
     * write nothing and return. True means the write may go ahead, and the attempt can no longer be
     * taken away.
     */
    boolean claimOutput();

    /**
     * Records how the running attempt quantized the HLOP's output (an int8 device's output scale and what
     * saturated), for the report. Ignored from a thread that no longer owns the HLOP.
     */
    default void quantized(dev.shmt.api.Report.Quantization q) {}
}
