/**
 * Runtimes that hand every VOP call to another and watch it on the way
 * ({@link dev.shmt.bench.calls.CallLog}): what the bench and {@code ./shmt profile} measure calls with.
 */
package dev.shmt.bench.calls;
