package dev.shmt.runtime.sched;

/**
 * A policy's initial plan for one call.
 *
 * @param queueOf for each HLOP, the index (into the eligible devices) of the incoming queue it starts in
 * @param samplingNanos time spent sampling inputs to make the plan; zero for policies that do not sample
 */
public record Plan(int[] queueOf, long samplingNanos) {}
