package dev.shmt.apps;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The apps on the bundled photographs ({@code ./shmt bench --input photos}), and those that take no image. */
class PhotoInputTest {
    /** One run of {@code instance} on the cpu device alone, tiles of {@code tile}. */
    private static List<Report> onTheCpu(BenchApp app, BenchApp.Instance instance, int tile, int size) {
        Shmt.Builder b = Shmt.builder().devices("cpu").cpuThreads(2).policy("single:cpu");
        app.hint(b, tile, size);
        try (Shmt rt = b.build()) {
            return instance.run(rt);
        }
    }

    @Test
    void sobelOnThePhotosIsItsReferenceOnTheCpu() {
        BenchApp sobel = Apps.named("sobel");
        BenchApp.Instance instance = sobel.prepare(256, 42, Input.photos());
        List<Report> reports = onTheCpu(sobel, instance, 64, 256);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).hlops()).hasSize(16);
        BenchApp.Quality q = instance.quality();
        assertWithMessage("error_rate").that(q.errorRate()).isLessThan(1e-6);
        assertWithMessage("RMSE").that(q.rmse()).isLessThan(1e-3);
        assertWithMessage("SSIM").that(q.ssim()).isWithin(1e-9).of(1.0);
    }

    @Test
    void everyImageAppRunsOnThePhotosAndTheOthersSayTheyTakeNone() {
        List<String> images = Apps.all().stream().filter(BenchApp::takesImageInput).map(BenchApp::name).toList();
        assertThat(images).containsExactly("sobel", "fft", "laplacian", "meanfilter", "dwt", "dct8x8", "srad",
                "histogram").inOrder();
        for (BenchApp app : Apps.all()) {
            if (!app.takesImageInput()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> app.prepare(64, 1, Input.photos()));
                assertThat(e).hasMessageThat().startsWith(app.name() + " takes no image input: its input (");
                assertThat(e).hasMessageThat().endsWith("run it without --input photos");
                continue;
            }
            BenchApp.Instance instance = app.prepare(64, 1, Input.photos());
            onTheCpu(app, instance, app.defaultTile(64), 64);
            BenchApp.Quality q = instance.quality();
            // On the CPU each app is its double reference to fp32 rounding, photographs or not (error_rate is
            // relative: sum |out - ref| / sum |ref|); a NaN fails both bounds.
            assertWithMessage("%s error_rate", app.name()).that(q.errorRate()).isLessThan(1e-4);
            if (q.ssim() != null) {
                assertWithMessage("%s SSIM", app.name()).that(q.ssim()).isGreaterThan(0.9999);
            }
        }
    }
}
