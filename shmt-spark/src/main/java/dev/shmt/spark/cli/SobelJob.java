package dev.shmt.spark.cli;

import dev.shmt.api.FloatMatrix;
import dev.shmt.api.Precision;
import dev.shmt.api.Shmt;
import dev.shmt.apps.sobel.Sobel;
import dev.shmt.apps.sobel.SobelVops;
import dev.shmt.spark.FloatImage;
import dev.shmt.spark.ImageOutput;
import dev.shmt.spark.Pngs;
import dev.shmt.spark.ShmtSettings;
import dev.shmt.spark.ShmtSpark;
import dev.shmt.spark.report.JobReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./shmt spark sobel}: Sobel edges of every image of a folder, on Spark. */
@Command(name = "sobel", mixinStandardHelpOptions = true,
        description = "Sobel edge magnitude of every image in --input (PNG, JPEG, BMP, GIF; colour as luma), written to "
                + "--output as NAME.png or NAME.f32, with a progress line per Spark stage and the job report at the "
                + "end (also written as JSON). --verify reads the outputs back and compares each with the same VOP "
                + "on one runtime in this process.")
final class SobelJob implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Folder of images.")
    Path input;

    @Option(names = "--output", required = true, description = "Folder for the results (created if missing).")
    Path output;

    @Option(names = "--master", description = "Spark master URL: local[N], spark://host:7077, ... (default: the one "
            + "spark-submit gives, else local[*]).")
    String master;

    @Option(names = "--devices", split = ",", description = "Devices each executor's runtime uses, e.g. cpu,gpu "
            + "(default: every device that loads and Spark grants).")
    String[] devices;

    @Option(names = "--policy", defaultValue = "ws", description = "Scheduling policy (default ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--format", defaultValue = "png",
            description = "png (8-bit grey, clamped) or f32 (the exact floats) (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Spark partitions of the images (default: as Spark splits the folder).")
    int partitions;

    @Option(names = "--batch-cells", defaultValue = "" + ShmtSettings.DEFAULT_BATCH_CELLS,
            description = "Pixels of small images stacked into one VOP call (default ${DEFAULT-VALUE}).")
    int batchCells;

    @Option(names = "--report", description = "Where to write the job report as JSON (default OUTPUT/shmt-report.json).")
    Path report;

    @Option(names = "--verify", description = "Compare every output with the same VOP on one runtime here.")
    boolean verify;

    @Override
    public Integer call() throws IOException {
        ImageOutput out = switch (format) {
            case "png" -> ImageOutput.PNG;
            case "f32" -> ImageOutput.FLOATS;
            default -> throw new IllegalArgumentException("--format must be png or f32, got '" + format + "'");
        };
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("--input: " + input + " is not a folder");
        }
        ShmtSettings settings = ShmtSettings.defaults().withPolicy(policy).withBatchCells(batchCells);
        if (devices != null) {
            settings = settings.withDevices(devices);
        }
        Files.createDirectories(output);
        Path reportFile = report != null ? report : output.resolve("shmt-report.json");

        boolean ours = SparkSession.getDefaultSession().isEmpty(); // a session of a caller's (a test's) stays up
        if (master == null) {
            master = System.getProperty("spark.master", "local[*]"); // spark-submit passes its --master this way
        }
        SparkSession spark = SparkSession.builder().master(master).appName("shmt spark sobel")
                .config("spark.ui.showConsoleProgress", "false").getOrCreate();
        StageProgress progress = new StageProgress(System.out);
        try {
            spark.sparkContext().addSparkListener(progress);
            ShmtSpark shmt = ShmtSpark.create(spark, settings);
            Dataset<Row> files = spark.read().format("binaryFile").load(input.toAbsolutePath().toString());
            if (partitions > 0) {
                files = files.repartition(partitions);
            }
            System.out.printf(Locale.ROOT, "shmt spark sobel: %s -> %s on %s (%s)%n", input, output, master, settings);
            long t0 = System.nanoTime();
            shmt.mapImageFiles(files, SobelVops::sobel, out)
                    .foreachPartition(writeTo(output.toAbsolutePath().toString(), out));
            double seconds = (System.nanoTime() - t0) / 1e9;
            JobReport r = shmt.report();
            System.out.printf(Locale.ROOT, "processed %d images in %.1f s%n", r.elements(), seconds);
            System.out.print(r.toText());
            Files.writeString(reportFile, r.toJson());
            System.out.println("job report written to " + reportFile);
        } finally {
            spark.sparkContext().removeSparkListener(progress);
            if (ours) {
                spark.stop();
            }
        }
        return verify ? verify(out, settings.devices()) : 0;
    }

    /** Writes each row's result next to the others; runs on the executors (a shared folder on a cluster). */
    private static ForeachPartitionFunction<Row> writeTo(String dir, ImageOutput format) {
        return rows -> {
            while (rows.hasNext()) {
                Row r = rows.next();
                Path file = OutputFiles.outputFor(Path.of(dir), r.getString(0), format);
                if (format == ImageOutput.PNG) {
                    Files.write(file, (byte[]) r.get(3));
                } else {
                    List<Float> px = r.getList(3);
                    float[] a = new float[px.size()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = px.get(i);
                    }
                    OutputFiles.writeF32(file, r.getInt(1), r.getInt(2), a);
                }
            }
        };
    }

    /** 0 when every output equals the single runtime's, for exact devices; quality otherwise. */
    private int verify(ImageOutput format, List<String> devices) throws IOException {
        List<Path> inputs;
        try (Stream<Path> s = Files.list(input)) {
            inputs = s.filter(Files::isRegularFile).sorted().toList();
        }
        Shmt.Builder b = Shmt.builder();
        if (devices != null) {
            b.devices(devices.toArray(String[]::new));
        }
        int equal = 0;
        int checked = 0;
        double absError = 0;
        double absReference = 0;
        boolean exact;
        try (Shmt rt = b.build()) {
            exact = rt.devices().stream().filter(d -> d.available()).allMatch(d -> d.precision() == Precision.FP32);
            for (Path in : inputs) {
                FloatImage im = Pngs.decode(in.toString(), Files.readAllBytes(in));
                FloatMatrix single = FloatMatrix.create(im.rows(), im.cols());
                SobelVops.sobel(rt, im.matrix(), single);
                FloatImage expected = new FloatImage(im.name(), im.rows(), im.cols(), single.array());
                if (format == ImageOutput.PNG) {
                    expected = Pngs.decode("expected", Pngs.encode(expected));
                }
                FloatImage got = OutputFiles.read(OutputFiles.outputFor(output, in.toUri().toString(), format));
                checked++;
                equal += Arrays.equals(got.pixels(), expected.pixels()) ? 1 : 0;
                FloatMatrix ref = FloatMatrix.create(im.rows(), im.cols());
                Sobel.sobel(im.matrix().withBorder(dev.shmt.api.Border.REFLECT_101), ref);
                float[] r = format == ImageOutput.PNG ? Pngs.decode("ref", Pngs.encode(new FloatImage("ref",
                        im.rows(), im.cols(), ref.array()))).pixels() : ref.array();
                for (int i = 0; i < r.length; i++) {
                    absError += Math.abs(got.pixels()[i] - r[i]);
                    absReference += Math.abs(r[i]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "verify: %d of %d outputs bitwise equal to one runtime in this process%s;"
                + " error_rate against the CPU reference %.3g%n", equal, checked,
                exact ? "" : " (an int8 device took part: equality is not expected)", absError / absReference);
        return exact && equal != checked ? 1 : 0;
    }
}
