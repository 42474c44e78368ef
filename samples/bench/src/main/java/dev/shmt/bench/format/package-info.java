/**
 * The bench's outputs, each a {@link dev.shmt.bench.format.ResultFormat}: the text tables, the JSON
 * report, the trace and the PNG plots. They read only results, so a new format needs no change to the
 * runner.
 */
package dev.shmt.bench.format;
