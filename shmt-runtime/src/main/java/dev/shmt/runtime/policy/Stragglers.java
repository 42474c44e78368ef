package dev.shmt.runtime.policy;

import dev.shmt.runtime.spi.Hlop;
import dev.shmt.runtime.spi.QueueView;
import java.util.List;
import java.util.function.Predicate;

/**
 * Work stealing's end game. Near the end of a call a device much slower than the others can start one
 * of the last HLOPs and become the straggler every other device waits for: the last HLOP of a 2-ms
 * FFT pass taking 1 ms on an Edge TPU while the GPU would take 0.15 ms. So a device leaves an HLOP to
 * the others when they would be done with it, and with everything else queued, before it would be done
 * with that one HLOP.
 *
 * <p>With {@code t} the taker's usual time for the HLOP, {@code n} the HLOPs queued (it included),
 * {@code R} the rate of the devices that may take it instead (workers over their usual time for it)
 * and {@code b} the HLOPs those devices are running (each half done, on average), leaving it ends the
 * queued work after about {@code (n + b / 2) / R}, and taking it no sooner than {@code t}; the taker
 * defers when {@code t R > n + b / 2}. The taker's own other workers are not counted in {@code R}, which
 * favours taking.
 *
 * <p>Only a device for which another is faster at the HLOP defers, so at any moment the fastest takes
 * it: its own queue is searched past deferred HLOPs, and stealing skips what the thief would defer. A
 * device that has not yet run the VOP, or a rival that has not, means no estimate and no deferring.
 */
final class Stragglers {
    private Stragglers() {}

    /**
     * @param mayTake which other devices the policy lets take HLOPs from where {@code next} is queued
     */
    static boolean defer(QueueView taker, Hlop next, List<QueueView> queues, Predicate<QueueView> mayTake) {
        boolean rivals = false; // checked first: with one device, or none that may take it, nothing to weigh
        for (QueueView q : queues) {
            if (q != taker && q.quarantine() == null && mayTake.test(q) && next.mayRunOn(q)) {
                rivals = true;
                break;
            }
        }
        if (!rivals) {
            return false;
        }
        double mine = taker.typicalNanos(next);
        if (!(mine > 0)) {
            return false;
        }
        double rate = 0; // HLOPs per nanosecond
        boolean fasterRival = false;
        long queued = 0;
        int busy = 0;
        for (QueueView q : queues) {
            if (q.quarantine() != null) {
                continue;
            }
            queued += q.pending();
            if (q == taker || !mayTake.test(q) || !next.mayRunOn(q)) {
                continue;
            }
            double theirs = q.typicalNanos(next);
            if (!(theirs > 0)) {
                return false;
            }
            rate += q.device().threads() / theirs;
            busy += q.running();
            fasterRival |= theirs < mine;
        }
        return fasterRival && mine * rate > queued + busy / 2.0; // queued counts next too
    }
}
