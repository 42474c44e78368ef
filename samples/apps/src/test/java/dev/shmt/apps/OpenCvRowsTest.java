package dev.shmt.apps;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench's lib:opencv rows, with OpenCV on the class path (the tests have it; the shaded jar does not):
 * each computes the app's result, checked against the same reference as our kernels.
 */
class OpenCvRowsTest {
    @Test
    void laplacianMeanAndHistogramRowsRunAndMatchTheReference() {
        for (BenchApp app : List.of(new LaplacianApp(), new MeanFilterApp(), new HistogramApp())) {
            BenchApp.Library lib = app.prepare(256, 5).library();
            assertThat(lib.name()).isEqualTo("lib:opencv");
            assertThat(lib.unavailable()).isNull();
            lib.run();
            BenchApp.Quality q = lib.quality();
            // fp32 sums of at most 5 terms of values below 2^8: error_rate at fp32 rounding; counts exact.
            assertThat(q.errorRate()).isAtMost(app instanceof HistogramApp ? 0.0 : 1e-6);
        }
    }
}
