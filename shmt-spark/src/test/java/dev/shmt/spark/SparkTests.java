package dev.shmt.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for every test class of this module (a JVM holds one SparkContext): two worker
 * threads, and a task may fail once and be retried (local[2,2]), as on a cluster.
 */
final class SparkTests {
    private static SparkSession session;

    private SparkTests() {}

    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,2]").appName("shmt-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.warehouse.dir", "target/spark-warehouse")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
