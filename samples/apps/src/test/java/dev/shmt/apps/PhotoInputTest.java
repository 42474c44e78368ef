package dev.shmt.apps;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void flatBlocksOfAnImageAddNoRoundingResidueToTheDctsMape(@TempDir Path dir) throws Exception {
        // Two flat halves, the step on a block edge: every AC coefficient is exactly zero, which the double
        // reference computes as a residue near 1e-13 and the fp32 kernel as one near 1e-5.
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.getRaster().setSample(x, y, 0, x < 32 ? 100 : 30);
            }
        }
        Path file = dir.resolve("halves.png");
        ImageIO.write(img, "png", file.toFile());
        BenchApp dct = Apps.named("dct8x8");
        BenchApp.Instance instance = dct.prepare(64, 1, Input.of(file.toString()));
        onTheCpu(dct, instance, 32, 64);
        BenchApp.Quality q = instance.quality();
        assertWithMessage("MAPE in percent, over the DC coefficients alone").that(q.mapePercent()).isLessThan(1e-3);
        assertWithMessage("error_rate").that(q.errorRate()).isLessThan(1e-6);
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
