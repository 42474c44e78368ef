package dev.shmt.runtime.spi;

import dev.shmt.api.Region;
import dev.shmt.api.Report;
import dev.shmt.api.SchedulingPolicy;
import dev.shmt.api.VopCall;
import java.util.List;

/**
 * A scheduling policy as push and pop over the device queues: {@link #plan} pushes a call's HLOPs into
 * incoming queues, {@link #steal} lets an idle device pop from another's. A runtime gets one by name from
 * the {@link PolicyProvider} that offers it (the built-in policies are offered so too), or as an object
 * given to a builder ({@code Shmt.builder().policy(policy)}); either way it runs alike.
 */
public interface Policy extends SchedulingPolicy {
    /** Its name as users write it ({@code ws}, {@code single:cpu}): what reports and {@code Shmt.policy()} carry. */
    @Override
    String name();

    /**
     * Before a call is partitioned: the devices among {@code eligible} that are to run it and the tile size,
     * for a policy that chooses them per call ({@code adaptive}). Only the chosen devices take the call's
     * HLOPs, by plan or by stealing; one that fails still hands its HLOPs to the other eligible devices.
     * Called on the caller's thread, without the scheduler's lock; {@link #plan} follows with all of
     * {@code eligible} and must plan onto the chosen ones. By default every eligible device, tile as hinted.
     */
    default CallSetup setup(VopCall call, List<QueueView> eligible) {
        return CallSetup.all(eligible);
    }

    /**
     * After a call set up by {@link #setup} ended, on the caller's thread: its report, or null when it
     * failed. A policy that learns from whole calls measures them here.
     */
    default void ended(VopCall call, Report report) {}

    /**
     * The initial plan for a call's HLOPs over {@code eligible}, the devices that can run the call, in
     * the runtime's device order. Called on the caller's thread, without the scheduler's lock.
     */
    Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible);

    /**
     * Called under the scheduler's lock when {@code thief}'s incoming queue is empty: an HLOP to move to
     * it (taken with {@link QueueView#stealLast}), or null to let it wait.
     */
    default Hlop steal(QueueView thief, List<QueueView> queues) {
        return null;
    }

    /**
     * Called under the scheduler's lock for the HLOPs of {@code taker}'s own queue, head first, until
     * one is not deferred: true leaves {@code next} queued for another device. A policy that defers
     * must let the device it defers to steal the HLOP, and should not steal what it would defer
     * ({@link QueueView#stealLast(QueueView, java.util.function.Predicate)}). A worker that deferred
     * asks again within a millisecond, since the estimates behind the choice move.
     */
    default boolean defers(QueueView taker, Hlop next, List<QueueView> queues) {
        return false;
    }
}
