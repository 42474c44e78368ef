package dev.shmt.runtime.policy;

import dev.shmt.runtime.spi.Hlop;
import dev.shmt.runtime.spi.QueueView;
import java.util.List;
import java.util.function.Predicate;

/** The work-stealing step (section 3.4) and its precision-aware form (section 3.5), for every policy that steals. */
final class Stealing {
    private Stealing() {}

    /**
     * From the fullest queue that {@code mayRobFrom} accepts, the HLOP nearest its tail that
     * {@code thief} may run. Under the scheduler's lock, as {@link dev.shmt.runtime.spi.Policy#steal} is.
     */
    static Hlop fromFullest(QueueView thief, List<QueueView> queues, Predicate<QueueView> mayRobFrom) {
        return fromFullest(thief, queues, mayRobFrom, h -> true);
    }

    /** As {@link #fromFullest(QueueView, List, Predicate)}, among the HLOPs {@code accept} accepts. */
    static Hlop fromFullest(QueueView thief, List<QueueView> queues, Predicate<QueueView> mayRobFrom,
                            Predicate<Hlop> accept) {
        // Fullest first; a victim holding nothing the thief may run is passed over for the next one.
        long tried = 0; // bit per queue index already tried; runtimes have far fewer than 64 devices
        while (true) {
            QueueView victim = null;
            int victimPending = 0;
            int victimIndex = -1;
            for (int i = 0; i < queues.size(); i++) {
                QueueView q = queues.get(i);
                if (q == thief || (tried & (1L << i)) != 0) {
                    continue;
                }
                int pending = q.pending();
                if (pending > 0 && (victim == null || pending > victimPending) && mayRobFrom.test(q)) {
                    victim = q;
                    victimPending = pending;
                    victimIndex = i;
                }
            }
            if (victim == null) {
                return null;
            }
            Hlop h = victim.stealLast(thief, accept);
            if (h != null) {
                return h;
            }
            tried |= 1L << victimIndex;
        }
    }

    /**
     * The quality-aware rule of QAWS and the oracle: a device steals only from devices no more precise
     * than itself ("more accurate from less accurate, never the reverse"); a critical HLOP's own floor
     * is kept by {@link QueueView#stealLast}.
     */
    static Hlop precisionAware(QueueView thief, List<QueueView> queues) {
        return fromFullest(thief, queues, victim -> thief.device().precision().atLeast(victim.device().precision()));
    }
}
