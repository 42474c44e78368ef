package dev.shmt.api;

/**
 * The end of one VOP call, as a {@link ShmtObserver} sees it: every HLOP of the call has been reported
 * before it.
 *
 * @param call the call's number in its runtime, as in its {@link HlopEvent}s
 * @param vop the VOP's name
 * @param startNanos {@link System#nanoTime()} when the call entered the runtime
 * @param endNanos when its last HLOP was aggregated
 * @param report the call's report; null when it failed or was cancelled
 * @param failure why it failed or was cancelled; null when it succeeded
 */
public record CallEvent(long call, String vop, long startNanos, long endNanos, Report report, Throwable failure) {}
