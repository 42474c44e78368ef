package dev.shmt.runtime.sched;

import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.spi.QueueView;
import dev.shmt.runtime.spi.Trials;
import java.util.List;

/** The {@link Trials} hook a scheduler gives the policy it builds: each trial is a call pinned to one device. */
final class TrialRuns implements Trials {
    private final Scheduler scheduler;

    TrialRuns(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Object[] runAllOn(QueueView device, VopCall call, List<Region> regions) {
        return scheduler.trial(device, call, regions);
    }
}
