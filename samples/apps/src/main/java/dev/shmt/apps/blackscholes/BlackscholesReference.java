package dev.shmt.apps.blackscholes;

/**
 * {@link Blackscholes#price} in double precision: the same formulas and Abramowitz-Stegun polynomial
 * evaluated from the same float inputs, so the distance of an fp32 or int8 result from it is that
 * device's own error (the polynomial's error, under 7.5e-8, is common to all of them).
 */
public final class BlackscholesReference {
    private BlackscholesReference() {}

    /** Prices the {@code s.length} options into {@code call} and {@code put}. */
    public static void price(float[] s, float[] x, float[] t, double r, double v, double[] call, double[] put) {
        int n = s.length;
        if (x.length != n || t.length != n || call.length != n || put.length != n) {
            throw new IllegalArgumentException("s, x, t, call and put must have the same length, got " + n + ", "
                    + x.length + ", " + t.length + ", " + call.length + " and " + put.length);
        }
        price(s, x, t, 0, n, r, v, call, put);
    }

    /**
     * Prices the {@code count} options from index {@code from} of {@code s}, {@code x}, {@code t} into
     * elements 0 to {@code count - 1} of {@code call} and {@code put}: a block at a time, so large
     * inputs need no double array of their full size.
     */
    public static void price(float[] s, float[] x, float[] t, int from, int count, double r, double v, double[] call,
            double[] put) {
        if (from < 0 || count < 0 || (long) from + count > Math.min(s.length, Math.min(x.length, t.length))
                || count > Math.min(call.length, put.length)) {
            throw new IllegalArgumentException("options " + from + " + " + count + " do not fit inputs of " + s.length
                    + ", " + x.length + ", " + t.length + " and outputs of " + call.length + ", " + put.length);
        }
        for (int j = 0; j < count; j++) {
            int i = from + j;
            double sv = s[i];
            double xv = x[i];
            double tv = t[i];
            double sqrtT = Math.sqrt(tv);
            double d1 = (Math.log(sv / xv) + (r + 0.5 * v * v) * tv) / (v * sqrtT);
            double d2 = d1 - v * sqrtT;
            double cndD1 = cnd(d1);
            double cndD2 = cnd(d2);
            double expRT = Math.exp(-r * tv);
            call[j] = sv * cndD1 - xv * expRT * cndD2;
            put[j] = xv * expRT * (1 - cndD2) - sv * (1 - cndD1);
        }
    }

    /** The Abramowitz-Stegun cumulative normal distribution in double. */
    public static double cnd(double d) {
        double k = 1.0 / (1.0 + 0.2316419 * Math.abs(d));
        double c = 0.39894228040143267793994605993438 * Math.exp(-0.5 * d * d)
                * (k * (0.31938153 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978 + k * 1.330274429)))));
        return d > 0 ? 1 - c : c;
    }
}
