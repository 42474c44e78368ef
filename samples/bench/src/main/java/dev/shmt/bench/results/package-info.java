/**
 * What a bench run produced and its statistics: each app's rows ({@link dev.shmt.bench.results.RunResult},
 * {@link dev.shmt.bench.results.AppResults}), a sweep's ({@link dev.shmt.bench.results.SweepResults}), the
 * bootstrap {@link dev.shmt.bench.results.Estimate} and the other figures the rows carry. It knows nothing
 * of how the runs happen or how they are shown, so that every other part of the harness can read it.
 */
package dev.shmt.bench.results;
