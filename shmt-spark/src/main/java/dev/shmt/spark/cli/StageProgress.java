package dev.shmt.spark.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** One line when a stage starts and one when it ends, with its tasks, failed attempts and time. */
final class StageProgress extends SparkListener {
    private final PrintStream out;
    private final Map<Integer, AtomicInteger> failed = new ConcurrentHashMap<>();

    StageProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        out.printf(Locale.ROOT, "stage %d: %d tasks (%s)%n", e.stageInfo().stageId(), e.stageInfo().numTasks(),
                e.stageInfo().name());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        if (e.reason() != Success$.MODULE$) {
            failed.computeIfAbsent(e.stageId(), k -> new AtomicInteger()).incrementAndGet();
            out.printf(Locale.ROOT, "stage %d: a task attempt failed, Spark retries it: %s%n", e.stageId(),
                    e.reason().toString().lines().findFirst().orElse(""));
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted e) {
        var info = e.stageInfo();
        long ms = info.completionTime().isDefined() && info.submissionTime().isDefined()
                ? (Long) info.completionTime().get() - (Long) info.submissionTime().get() : -1;
        AtomicInteger f = failed.get(info.stageId());
        out.printf(Locale.ROOT, "stage %d: %s, %d tasks, %d failed attempts, %.1f s%n", info.stageId(),
                info.failureReason().isDefined() ? "failed: " + info.failureReason().get() : "done", info.numTasks(),
                f == null ? 0 : f.get(), ms / 1000.0);
    }
}
