package dev.shmt.spark;

import dev.shmt.api.Shmt;
import dev.shmt.spark.report.JobReport;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/** What a task learns from Spark where it runs: its executor, its resources, its runtime. */
final class TaskSide {
    private TaskSide() {}

    /** This executor's runtime for {@code settings}, opening only the devices Spark granted. */
    static Shmt runtime(ShmtSettings settings) {
        TaskContext tc = TaskContext.get();
        Map<String, String[]> granted = new HashMap<>();
        if (tc != null) {
            tc.resourcesJMap().forEach((name, info) -> granted.put(name, info.addresses()));
        }
        SparkEnv env = SparkEnv.get();
        return ExecutorRuntimes.get(settings, Grants.from(key -> env != null && env.conf().contains(key), granted));
    }

    static String executorId() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "local" : env.executorId();
    }

    /** A part that counts this task's earlier failed attempts, if any; nothing else. */
    static JobReport attempts() {
        JobReport r = new JobReport();
        TaskContext tc = TaskContext.get();
        if (tc != null && tc.attemptNumber() > 0) {
            r.addFailedTaskAttempts("stage " + tc.stageId() + " partition " + tc.partitionId(), tc.attemptNumber());
        }
        return r;
    }
}
