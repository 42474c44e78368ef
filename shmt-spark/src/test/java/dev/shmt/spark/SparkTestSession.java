package dev.shmt.spark;

/** The shared test session, for tests outside this package. */
public final class SparkTestSession {
    private SparkTestSession() {}

    public static void start() {
        SparkTests.spark();
    }

    public static boolean stillRunning() {
        return !SparkTests.spark().sparkContext().isStopped();
    }
}
