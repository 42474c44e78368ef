package dev.shmt.runtime.policy;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.Hlop;
import dev.shmt.runtime.spi.Plan;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.QueueView;
import java.util.List;

/**
 * {@code ws}, section 3.4: starts from the even plan; an idle device takes an unprocessed HLOP from the
 * far end of the device with the most pending, so faster devices end up with more of the work. Near a
 * call's end a device leaves an HLOP to faster ones when they would finish it sooner ({@link Stragglers}).
 */
public final class WorkStealingPolicy implements Policy {
    @Override
    public String name() {
        return "ws";
    }

    @Override
    public Plan plan(VopCall call, List<Region> regions, List<QueueView> eligible) {
        return new Plan(EvenPolicy.roundRobin(regions.size(), eligible.size()), 0);
    }

    @Override
    public Hlop steal(QueueView thief, List<QueueView> queues) {
        return Stealing.fromFullest(thief, queues, victim -> true, h -> !defers(thief, h, queues));
    }

    @Override
    public boolean defers(QueueView taker, Hlop next, List<QueueView> queues) {
        return Stragglers.defer(taker, next, queues, rival -> true);
    }
}
