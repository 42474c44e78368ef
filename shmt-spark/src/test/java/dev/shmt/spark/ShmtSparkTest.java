package dev.shmt.spark;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.FloatArray;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Shmt;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.sobel.Sobel;
import dev.shmt.apps.sobel.SobelVops;
import dev.shmt.spark.report.JobReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** VOPs over Spark in local mode (local[2,2]): results, runtimes per JVM, failures and the report. */
class ShmtSparkTest {
    private static final JavaSparkContext SC = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext());

    /** Images of two widths and several heights, small enough that many share a call. */
    private static List<FloatImage> images(int n) {
        List<FloatImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int rows = 20 + 13 * (i % 5);
            int cols = i % 3 == 0 ? 48 : 71;
            FloatMatrix m = Images.structured(rows, cols, 100 + i);
            out.add(new FloatImage("img" + i, rows, cols, m.toArray()));
        }
        return out;
    }

    /** Sobel of each image alone, on a runtime of the CPU only. */
    private static List<float[]> alone(List<FloatImage> images) {
        List<float[]> out = new ArrayList<>();
        try (Shmt rt = Shmt.builder().devices("cpu").build()) {
            for (FloatImage im : images) {
                FloatMatrix dst = FloatMatrix.create(im.rows(), im.cols());
                SobelVops.sobel(rt, im.matrix(), dst);
                out.add(dst.array());
            }
        }
        return out;
    }

    @Test
    void stackedBatchesGiveBitwiseTheResultsOfEachImageOnASingleRuntime() {
        List<FloatImage> in = images(24);
        // 6000 cells: two to four images per call, so stacking, width changes and call boundaries all occur.
        ShmtSpark shmt = ShmtSpark.create(SparkTests.spark(), ShmtSettings.defaults().withDevices("cpu")
                .withBatchCells(6000));
        List<FloatImage> out = shmt.map(SC.parallelize(in, 3), SobelVops::sobel, Sobel::sobel).collect();

        List<float[]> expected = alone(in);
        assertThat(out).hasSize(in.size());
        for (int i = 0; i < in.size(); i++) {
            assertThat(out.get(i).name()).isEqualTo(in.get(i).name());
            assertThat(out.get(i).pixels()).isEqualTo(expected.get(i));
        }
        JobReport r = shmt.report();
        assertThat(r.elements()).isEqualTo(24);
        assertThat(r.calls()).isGreaterThan(3L); // batched, but not one call per partition
        assertThat(r.calls()).isLessThan(24L);
        assertThat(r.hlopsOn("cpu")).isEqualTo(r.hlops());
        assertThat(r.quality().elements()).isEqualTo(24);
        assertThat(r.quality().maxAbsError()).isEqualTo(0.0);
    }

    @Test
    void oneBatchCellPerCallRunsEachImageAlone() {
        List<FloatImage> in = images(5);
        ShmtSpark shmt = ShmtSpark.create(SparkTests.spark(), ShmtSettings.defaults().withDevices("cpu").withBatchCells(1));
        List<FloatImage> out = shmt.map(SC.parallelize(in, 2), SobelVops::sobel).collect();
        List<float[]> expected = alone(in);
        for (int i = 0; i < in.size(); i++) {
            assertThat(out.get(i).pixels()).isEqualTo(expected.get(i));
        }
        assertThat(shmt.report().calls()).isEqualTo(5);
    }

    /** Runtimes seen by the VOP, by identity: written on the executor, which local mode runs in this JVM. */
    private static final Set<Integer> RUNTIMES_SEEN = ConcurrentHashMap.newKeySet();
    private static final Set<String> THREADS_SEEN = ConcurrentHashMap.newKeySet();

    @Test
    void everyTaskOfAnExecutorSharesOneRuntime() {
        RUNTIMES_SEEN.clear();
        THREADS_SEEN.clear();
        // Settings no other test uses, so this test's runtime is built here.
        ShmtSpark shmt = ShmtSpark.create(SparkTests.spark(), ShmtSettings.defaults().withDevices("cpu")
                .withQuarantineAfter(9).withBatchCells(4000));
        MatrixVop recording = (rt, src, dst) -> {
            if (TaskContext.get() != null) { // not the driver's shape probe
                RUNTIMES_SEEN.add(System.identityHashCode(rt));
                THREADS_SEEN.add(Thread.currentThread().getName());
            }
            return SobelVops.sobel(rt, src, dst);
        };
        int before = ExecutorRuntimes.built();
        JavaRDD<FloatImage> data = SC.parallelize(images(16), 8);
        shmt.map(data, recording).count();
        shmt.map(data, recording).count(); // a second job: same executor, same runtime

        assertThat(RUNTIMES_SEEN).hasSize(1);
        assertThat(THREADS_SEEN.size()).isAtLeast(2); // tasks really ran on two task threads
        assertThat(ExecutorRuntimes.built() - before).isEqualTo(1);
        assertThat(shmt.report().elements()).isEqualTo(32);
    }

    @Test
    void aDeviceFailingOnAnExecutorLosesNoElementAndIsReportedQuarantined() {
        List<FloatImage> in = images(12);
        // "even" deals the failing device its HLOPs and never lets the cpu steal them: under work stealing a
        // loaded machine could leave its worker unscheduled until the cpu had taken everything, and nothing
        // would fail (seen once in CI).
        ShmtSpark shmt = ShmtSpark.create(SparkTests.spark(), ShmtSettings.defaults().withDevices("cpu", "failing")
                .withPolicy("even").withQuarantineAfter(2).withBatchCells(8000).withTileHint(16, 16)); // many HLOPs
        List<FloatImage> out = shmt.map(SC.parallelize(in, 3), SobelVops::sobel).collect();

        List<float[]> expected = alone(in);
        for (int i = 0; i < in.size(); i++) {
            assertThat(out.get(i).pixels()).isEqualTo(expected.get(i));
        }
        JobReport r = shmt.report();
        assertThat(r.elements()).isEqualTo(12);
        assertThat(r.hlopsOn("failing")).isEqualTo(0);
        assertThat(r.hlopsOn("cpu")).isEqualTo(r.hlops());
        String executor = r.executors().keySet().iterator().next();
        assertThat(r.executors().get(executor).quarantined()).containsKey("failing");
        assertThat(r.executors().get(executor).retriedHlops()).isAtLeast(2L);
        assertThat(r.toText()).contains("failing: quarantined");
    }

    @Test
    void aTaskThatFailsIsRetriedBySparkAndCountedOnce() {
        List<FloatImage> in = images(9);
        ShmtSpark shmt = ShmtSpark.create(SparkTests.spark(), ShmtSettings.defaults().withDevices("cpu"));
        MatrixVop failsFirstAttemptOfPartition1 = (rt, src, dst) -> {
            TaskContext tc = TaskContext.get(); // null on the driver, where ShmtSpark learns the VOP's shape
            if (tc != null && tc.partitionId() == 1 && tc.attemptNumber() == 0) {
                throw new IllegalStateException("injected: first attempt of partition 1 fails");
            }
            return SobelVops.sobel(rt, src, dst);
        };
        List<FloatImage> out = shmt.map(SC.parallelize(in, 3), failsFirstAttemptOfPartition1).collect();

        List<float[]> expected = alone(in);
        for (int i = 0; i < in.size(); i++) {
            assertThat(out.get(i).pixels()).isEqualTo(expected.get(i));
        }
        JobReport r = shmt.report();
        assertThat(r.failedTaskAttempts()).isEqualTo(1);
        assertThat(r.elements()).isEqualTo(9); // the failed attempt's part never reached the driver
        assertThat(r.toJson()).contains("\"failed_task_attempts\": 1");
    }

    @Test
    void arraysGoThroughAnElementwiseVopLaidEndToEnd() {
        List<float[]> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            float[] a = new float[1000 + 377 * i];
            for (int k = 0; k < a.length; k++) {
                a[k] = (k * 31 + i) % 97 - 40.5f;
            }
            in.add(a);
        }
        ShmtSpark shmt = ShmtSpark.create(SparkTests.spark(), ShmtSettings.defaults().withDevices("cpu")
                .withBatchCells(9000));
        List<float[]> out = shmt.mapArrays(SC.parallelize(in, 2), ScaleVops::affine).collect();
        for (int i = 0; i < in.size(); i++) {
            FloatArray expected = FloatArray.create(in.get(i).length);
            Scale.affine(FloatArray.wrap(in.get(i)), expected);
            assertThat(out.get(i)).isEqualTo(expected.array());
        }
        assertThat(shmt.report().elements()).isEqualTo(10);
        assertThat(shmt.report().calls()).isLessThan(10L);
    }

    @Test
    void aVopThatCannotBuildItsCallIsRefusedOnTheDriver() {
        ShmtSpark shmt = ShmtSpark.create(SparkTests.spark(), ShmtSettings.defaults().withDevices("cpu"));
        MatrixVop notAMap = (rt, src, dst) -> {
            throw new IllegalArgumentException("src: wrong");
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> shmt.map(SC.parallelize(images(2)), notAMap));
        assertThat(e).hasMessageThat().startsWith("vop: could not learn its shape");
    }
}
