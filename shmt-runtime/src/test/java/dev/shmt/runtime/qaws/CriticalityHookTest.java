package dev.shmt.runtime.qaws;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.CriticalityMetric;
import dev.shmt.api.FloatArray;
import dev.shmt.api.Partition;
import dev.shmt.api.QawsSettings;
import dev.shmt.api.Region;
import dev.shmt.api.VopCall;
import dev.shmt.api.npu.NpuKernel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A VOP's own criticality metric ({@code @Vop(criticality = ...)}, {@link VopCall#criticality()}) is what
 * scores its HLOPs: it gets every input's samples at the same cells, it beats the NPU kernel's declared
 * metric, which in turn beats the runtime's setting.
 */
class CriticalityHookTest {
    private static final int N = 8 * 1024;
    private static final int CHUNK = 1024;

    /** x: chunk i holds i + tiny noise, so STD_DEV and RANGE see flat chunks; y = 2 x. */
    private static VopCall.Builder call() {
        FloatArray x = FloatArray.create(N);
        FloatArray y = FloatArray.create(N);
        for (int i = 0; i < N; i++) {
            float v = i / CHUNK + (i % 7) * 1e-3f * (i / CHUNK % 2);
            x.set(i, v);
            y.set(i, 2 * v);
        }
        return VopCall.builder("pair", Partition.ELEMENTWISE).length(N).chunkHint(CHUNK)
                .arg("x", VopCall.Role.IN, x).arg("y", VopCall.Role.IN, y)
                .arg("out", VopCall.Role.OUT, FloatArray.create(N))
                .cpu(region -> null);
    }

    private static List<Region> regions() {
        List<Region> r = new ArrayList<>();
        for (int i = 0; i < N / CHUNK; i++) {
            r.add(new Region(0, i * CHUNK, 1, CHUNK));
        }
        return r;
    }

    @Test
    void theVopsMetricScoresEveryHlopFromSamplesOfAllInputsAtTheSameCells() {
        List<String> misaligned = new ArrayList<>();
        CriticalityMetric meanOfX = CriticalityMetric.named("mean x", s -> {
            for (int j = 0; j < s[0].length; j++) {
                if (s[1][j] != 2 * s[0][j]) {
                    misaligned.add(s[0][j] + " vs " + s[1][j]);
                }
            }
            double m = 0;
            for (float v : s[0]) {
                m += v;
            }
            return m / s[0].length;
        });
        VopCall c = call().criticality(meanOfX).build();
        for (char code : new char[] {'s', 'u', 'r'}) {
            double[] scores = TileSampling.assess(c, regions(), Sampler.forCode(code), QawsSettings.DEFAULTS).scores();
            for (int i = 0; i < scores.length; i++) {
                // Chunk i's values are i (+ < 0.01): the metric's mean says so; a spread would say ~0.
                assertWithMessage("sampler %s, chunk %s", code, i).that(scores[i]).isWithin(0.01).of(i);
            }
        }
        assertWithMessage("samples of x and y from different cells").that(misaligned).isEmpty();
        // Top-K on the hook's scores marks the last chunks: with the runtime's spread they would be the odd ones.
        boolean[] critical = TopK.mark(TileSampling.assess(c, regions(), new StridingSampler(), QawsSettings.DEFAULTS)
                .scores(), 0.25, 64);
        assertWithMessage("critical chunks").that(critical)
                .isEqualTo(new boolean[] {false, false, false, false, false, false, true, true});
    }

    @Test
    void theVopsMetricBeatsTheNpuKernelsWhichBeatsTheRuntimeSetting() {
        NpuKernel ranged = new NpuKernel() {
            @Override
            public Object run(dev.shmt.api.npu.NpuContext npu, VopCall call, Region region) {
                return null;
            }

            @Override
            public CriticalityMetric criticality() {
                return CriticalityMetric.RANGE;
            }
        };
        CriticalityMetric own = CriticalityMetric.named("own", s -> 1);
        QawsSettings settings = QawsSettings.DEFAULTS.withCriticality(CriticalityMetric.STD_DEV);
        assertWithMessage("VOP's own").that(TileSampling.metricFor(
                call().criticality(own).implementation(NpuKernel.class, ranged).build(), settings)).isSameInstanceAs(own);
        assertWithMessage("NPU kernel's").that(TileSampling.metricFor(
                call().implementation(NpuKernel.class, ranged).build(), settings)).isSameInstanceAs(CriticalityMetric.RANGE);
        assertWithMessage("runtime's").that(TileSampling.metricFor(call().build(), settings))
                .isSameInstanceAs(CriticalityMetric.STD_DEV);
    }
}
