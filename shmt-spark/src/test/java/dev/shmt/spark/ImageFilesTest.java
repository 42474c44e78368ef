package dev.shmt.spark;

import static com.google.common.truth.Truth.assertThat;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Shmt;
import dev.shmt.apps.common.Images;
import dev.shmt.apps.sobel.SobelVops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image files in through Spark's binaryFile source, PNG or floats out. */
class ImageFilesTest {
    @TempDir
    Path dir;

    @Test
    void binaryFilesInFloatsOutEqualTheVopOnEachDecodedImage() throws Exception {
        for (int i = 0; i < 5; i++) {
            int rows = 40 + 7 * i;
            FloatImage im = new FloatImage("x", rows, 64, Images.structured(rows, 64, 7 + i).toArray());
            Files.write(dir.resolve(String.format(Locale.ROOT, "im%d.png", i)), Pngs.encode(im));
        }
        ShmtSpark shmt = ShmtSpark.create(SparkTests.spark(), ShmtSettings.defaults().withDevices("cpu"));
        Dataset<Row> files = SparkTests.spark().read().format("binaryFile").load(dir.toString());
        List<Row> out = shmt.mapImageFiles(files, SobelVops::sobel, ImageOutput.FLOATS).collectAsList();

        assertThat(out).hasSize(5);
        try (Shmt rt = Shmt.builder().devices("cpu").build()) {
            for (Row r : out) {
                Path file = Path.of(java.net.URI.create(r.getString(0)));
                FloatImage in = Pngs.decode(file.toString(), Files.readAllBytes(file));
                FloatMatrix expected = FloatMatrix.create(in.rows(), in.cols());
                SobelVops.sobel(rt, in.matrix(), expected);
                List<Float> px = r.getList(3);
                float[] got = new float[px.size()];
                for (int i = 0; i < got.length; i++) {
                    got[i] = px.get(i);
                }
                assertThat(r.getInt(1)).isEqualTo(in.rows());
                assertThat(got).isEqualTo(expected.array());
            }
        }
        assertThat(shmt.report().elements()).isEqualTo(5);
    }

    @Test
    void pngOutIsTheResultRoundedAndClampedToEightBits() throws Exception {
        FloatImage im = new FloatImage("x", 32, 32, Images.structured(32, 32, 3).toArray());
        Files.write(dir.resolve("a.png"), Pngs.encode(im));
        ShmtSpark shmt = ShmtSpark.create(SparkTests.spark(), ShmtSettings.defaults().withDevices("cpu"));
        Row r = shmt.mapImageFiles(SparkTests.spark().read().format("binaryFile").load(dir.toString()),
                SobelVops::sobel, ImageOutput.PNG).first();
        FloatImage png = Pngs.decode("out", (byte[]) r.get(3));
        FloatImage in = Pngs.decode("in", Files.readAllBytes(dir.resolve("a.png")));
        FloatMatrix expected = FloatMatrix.create(32, 32);
        try (Shmt rt = Shmt.builder().devices("cpu").build()) {
            SobelVops.sobel(rt, in.matrix(), expected);
        }
        for (int i = 0; i < expected.array().length; i++) {
            float v = expected.array()[i];
            assertThat(png.pixels()[i]).isEqualTo((float) Math.min(255, Math.round(v)));
        }
    }
}
