package dev.shmt.spark;

import dev.shmt.spark.batch.VopShape;
import dev.shmt.spark.report.JobReport;
import dev.shmt.spark.report.JobReportAccumulator;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generated VOPs over Spark's distributed data: each executor JVM runs one SHMT runtime (built on first
 * use from {@link ShmtSettings}, shared by its tasks, closed at exit) on the devices Spark granted it, and
 * every VOP call adds to one {@link JobReport}.
 *
 * <pre>{@code
 * ShmtSpark shmt = ShmtSpark.create(spark, ShmtSettings.defaults().withPolicy("qaws-ts"));
 * Dataset<Row> edges = shmt.mapImageFiles(spark.read().format("binaryFile").load(dir), SobelVops::sobel,
 *         ImageOutput.PNG);
 * edges.write()...;
 * System.out.print(shmt.report().toText());
 * }</pre>
 *
 * <p>Small elements are stacked, a partition at a time, into calls of up to
 * {@link ShmtSettings#batchCells()} cells, so that they still make large HLOPs. Like every Spark
 * transformation these are lazy: the report fills as actions run, and counts again if an action recomputes
 * an uncached result.
 */
public final class ShmtSpark {
    private final ShmtSettings settings;
    private final JobReportAccumulator report = new JobReportAccumulator();
    private final SparkSession spark;

    private ShmtSpark(SparkSession spark, ShmtSettings settings) {
        this.spark = spark;
        this.settings = settings;
        spark.sparkContext().register(report, "shmt job report");
    }

    /** VOPs on {@code spark}'s executors with {@code settings}; one report for everything run through it. */
    public static ShmtSpark create(SparkSession spark, ShmtSettings settings) {
        return new ShmtSpark(Objects.requireNonNull(spark, "spark"), Objects.requireNonNull(settings, "settings"));
    }

    public ShmtSettings settings() {
        return settings;
    }

    /** Each image through {@code vop} (a method reference of a generated class, such as {@code SobelVops::sobel}). */
    public JavaRDD<FloatImage> map(JavaRDD<FloatImage> images, MatrixVop vop) {
        return map(images, vop, null);
    }

    /**
     * As {@link #map(JavaRDD, MatrixVop)}, and compares every result with {@code reference} (the VOP's own
     * method, run whole on the CPU of the executor) for the report's quality figures.
     *
     * @throws IllegalArgumentException naming {@code vop} when it is not a matrix-to-matrix VOP of TILE_2D,
     *     ROWS or ELEMENTWISE shape
     */
    public JavaRDD<FloatImage> map(JavaRDD<FloatImage> images, MatrixVop vop, MatrixReference reference) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(vop, "vop");
        VopShape shape = VopShape.of(vop); // on the driver: a VOP that cannot map fails here, not in a task
        return images.mapPartitions(new MatrixTask(settings, vop, shape, reference, report));
    }

    /** Each array through an element-wise {@code vop}; arrays are laid end to end into large calls. */
    public JavaRDD<float[]> mapArrays(JavaRDD<float[]> arrays, ArrayVop vop) {
        Objects.requireNonNull(arrays, "arrays");
        Objects.requireNonNull(vop, "vop");
        return arrays.mapPartitions(new ArrayTask(settings, vop, report));
    }

    /**
     * Image files (Spark's {@code binaryFile} source: columns {@code path} and {@code content}) through
     * {@code vop}: a Dataset with {@code path}, {@code rows}, {@code cols} and either {@code content} (an 8-bit
     * PNG) or {@code pixels} (the float results), as {@code output} says.
     */
    public Dataset<Row> mapImageFiles(Dataset<Row> files, MatrixVop vop, ImageOutput output) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(output, "output");
        JavaRDD<FloatImage> images = files.select("path", "content").javaRDD()
                .map(r -> Pngs.decode(r.getString(0), (byte[]) r.get(1)));
        JavaRDD<Row> rows = map(images, vop).map(output == ImageOutput.PNG
                ? im -> RowFactory.create(im.name(), im.rows(), im.cols(), Pngs.encode(im))
                : im -> RowFactory.create(im.name(), im.rows(), im.cols(), im.pixels()));
        StructType schema = new StructType()
                .add("path", DataTypes.StringType, false)
                .add("rows", DataTypes.IntegerType, false)
                .add("cols", DataTypes.IntegerType, false)
                .add(output == ImageOutput.PNG ? "content" : "pixels", output == ImageOutput.PNG ? DataTypes.BinaryType
                        : DataTypes.createArrayType(DataTypes.FloatType, false), false);
        return spark.createDataFrame(rows, schema);
    }

    /** Everything run through this object so far, over every executor (a copy). */
    public JobReport report() {
        return report.value().copy();
    }
}
