/**
 * The bench on emulated hardware: the plan ({@link dev.shmt.bench.emulate.EmulationPlan}), the dilation
 * chosen per app, this machine's devices measured into a profile, and emulated runs checked against real
 * ones ({@link dev.shmt.bench.emulate.Validation}). It takes plain measurements, not the runner's, so the
 * runner can use it without a cycle.
 */
package dev.shmt.bench.emulate;
