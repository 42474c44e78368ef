package dev.shmt.runtime.qaws;

import dev.shmt.api.QawsSettings;
import java.util.Arrays;

/**
 * Algorithm 1's device limits, calibrated per call. A device takes only HLOPs whose score is at most
 * its limit; an HLOP goes to the least precise tier of devices whose limit admits it, and the most
 * precise tier admits everything.
 *
 * <p>Calibration: a fixed number (the reference implementation's 256) is out of reach of most inputs
 * and means something different for every VOP, so the limits come from the call's own sampled scores.
 * With T precision tiers (int8, fp16, fp32 among the devices that run the call), tier t below the top
 * gets the score quantile {@code 1 - K (T - 1 - t) / (T - 1)}: with an int8 and an fp32 tier, the int8
 * limit is the (1 - K) quantile and about a fraction K of the HLOPs, those with the widest spread, go
 * above it; an fp16 tier in between gets the (1 - K/2) quantile, so it admits more than int8 does. HLOPs
 * at or below the least precise tier's limit are not critical; an HLOP above it is critical and may
 * only run on a device at least as precise as its tier. Ties stay below a limit: on uniform data
 * (every score equal) nothing is critical. Non-finite and unscored HLOPs go to the top tier.
 */
public final class DeviceLimits {
    private final double[] limits; // per tier, ascending precision; the last is +infinity

    private DeviceLimits(double[] limits) {
        this.limits = limits;
    }

    /**
     * Limits for {@code tiers} precision tiers (>= 1) from {@code scores} and the critical fraction K.
     * With one tier the limit that decides criticality is still calibrated as if there were an
     * approximate tier below it, so the report shows which HLOPs would be critical.
     */
    public static DeviceLimits calibrate(double[] scores, int tiers, double k) {
        QawsSettings.checkCriticalFraction(k);
        if (tiers < 1) {
            throw new IllegalArgumentException("tiers must be >= 1, got " + tiers);
        }
        double[] finite = Arrays.stream(scores).filter(Double::isFinite).sorted().toArray();
        int t = Math.max(tiers, 2);
        double[] limits = new double[t];
        for (int i = 0; i < t - 1; i++) {
            limits[i] = quantile(finite, 1 - k * (t - 1 - i) / (t - 1));
        }
        limits[t - 1] = Double.POSITIVE_INFINITY;
        return new DeviceLimits(tiers == 1 ? new double[] {limits[0], Double.POSITIVE_INFINITY} : limits);
    }

    /**
     * The nearest-rank quantile: the smallest sampled score with at least a fraction {@code q} of the
     * scores at or below it. {@code q <= 0} gives minus infinity (K = 1: everything above the limit).
     */
    static double quantile(double[] sorted, double q) {
        if (q <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (sorted.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        int rank = (int) Math.ceil(q * sorted.length - 1e-9);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** The limit of tier {@code t} (ascending precision). */
    public double limit(int t) {
        return limits[t];
    }

    /** The least precise tier whose limit admits {@code score}, of {@code tiers} tiers. */
    public int tierOf(double score, int tiers) {
        if (tiers == 1 || Assessment.alwaysCritical(score)) {
            return tiers - 1;
        }
        for (int t = 0; t < tiers - 1; t++) {
            if (score <= limits[t]) {
                return t;
            }
        }
        return tiers - 1;
    }

    /** True when {@code score} is above the least precise tier's limit. */
    public boolean critical(double score) {
        return Assessment.alwaysCritical(score) || score > limits[0];
    }
}
