package dev.shmt.api;

/**
 * A scheduling policy given to {@link Shmt.Builder#policy(SchedulingPolicy)} as an object. Policies are
 * written against the runtime's extension point, {@code dev.shmt.runtime.spi.Policy}, which extends this
 * type; the API names only what a report shows of a policy.
 */
public interface SchedulingPolicy {
    /** Its name as users write it ({@code ws}, {@code single:cpu}): what reports and {@link Shmt#policy()} carry. */
    String name();
}
