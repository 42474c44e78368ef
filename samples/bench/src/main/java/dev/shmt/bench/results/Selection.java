package dev.shmt.bench.results;

/**
 * Whether a policy's choice of HLOPs for the approximate device beats chance (README, "Quality-aware
 * policies").
 *
 * @param device the approximate (int8) device
 * @param share the fraction of the output's cells this run computed on {@code device}
 * @param deviceOnlyErrorRate error_rate of the app with every HLOP on {@code device}
 * @param gain error_rate / (share x deviceOnlyErrorRate): 1 is what picking HLOPs at random gives when
 *     each HLOP's error stays in its own output; null for single-device rows and a share of 0
 * @param rankCorrelation Spearman correlation between the policy's criticality scores and each HLOP's
 *     real error on {@code device} (measured by the oracle's trial runs), per call, averaged weighted by
 *     HLOPs; null for policies that score nothing
 * @param quantized how {@code device} quantized this row's HLOPs; null when it said nothing
 */
public record Selection(String device, double share, double deviceOnlyErrorRate, Double gain, Double rankCorrelation,
                        Quantized quantized) {
    public Selection(String device, double share, double deviceOnlyErrorRate, Double gain, Double rankCorrelation) {
        this(device, share, deviceOnlyErrorRate, gain, rankCorrelation, null);
    }

    /**
     * How the approximate device quantized this row's HLOPs (those whose device said: {@link
     * dev.shmt.api.Report.Quantization}): HLOPs per output-scale ladder step, and the share of outputs that
     * saturated, mean and largest over them.
     */
    public record Quantized(int[] steps, double meanSaturated, double maxSaturated) {
        public int hlops() {
            int n = 0;
            for (int s : steps) {
                n += s;
            }
            return n;
        }
    }
}
