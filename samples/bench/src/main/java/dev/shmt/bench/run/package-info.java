/**
 * Running the bench: the plan, the session that picks the output formats, the runner with its
 * interleaved warm-up and timed rounds, each side it measures (a policy, the bare CPU kernel, a library)
 * and the sweep over emulated speeds. The top of the harness: it uses the other packages, none uses it.
 */
package dev.shmt.bench.run;
