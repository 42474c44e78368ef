package dev.shmt.runtime.quality;

import java.util.Locale;

/**
 * All {@link Quality} metrics for one result/reference pair.
 *
 * @param mape mean absolute percentage error in percent, zero references skipped
 * @param mapeZerosSkipped how many elements MAPE skipped because their reference was zero
 * @param errorRate the SHMT artifact's {@code error_rate}, {@code sum|out-ref| / sum|ref|}
 * @param rmse root-mean-square error
 * @param psnr peak signal-to-noise ratio in dB, {@code +Infinity} for identical data
 * @param ssim mean SSIM over the valid region
 */
public record QualityReport(
        double mape,
        long mapeZerosSkipped,
        double errorRate,
        double rmse,
        double psnr,
        double ssim) {

    /**
     * Computes every metric for {@code out} against {@code ref}, both dense row-major
     * {@code rows x cols} images with data range {@code dataRange}.
     *
     * @param out the result, dense row-major
     * @param ref the reference, dense row-major
     * @param rows image height, at least 11
     * @param cols image width, at least 11
     * @param dataRange the data range {@code L} used by PSNR and SSIM
     * @return the report
     * @throws IllegalArgumentException on any input that {@link Quality#ssim} refuses
     */
    public static QualityReport of(
            float[] out, float[] ref, int rows, int cols, double dataRange) {
        // SSIM validates the most (shape, window size, data range), so run it first and let
        // it refuse bad input before any other metric does work.
        double ssim = Quality.ssim(out, ref, rows, cols, dataRange);
        return new QualityReport(
                Quality.mape(out, ref),
                Quality.mapeSkippedZeros(ref),
                Quality.errorRate(out, ref),
                Quality.rmse(out, ref),
                Quality.psnr(out, ref, dataRange),
                ssim);
    }

    /**
     * One line, e.g. {@code error_rate 0.0123  MAPE 1.85% (3 zero refs skipped)  RMSE 0.4100
     * PSNR 38.2 dB  SSIM 0.9871}; the skipped-zero note appears only when some were skipped.
     */
    @Override
    public String toString() {
        String skipped = mapeZerosSkipped == 0
                ? ""
                : " (" + mapeZerosSkipped + (mapeZerosSkipped == 1 ? " zero ref" : " zero refs")
                        + " skipped)";
        return String.format(Locale.ROOT,
                "error_rate %.4f  MAPE %.2f%%%s  RMSE %.4g  PSNR %.1f dB  SSIM %.4f",
                errorRate, mape, skipped, rmse, psnr, ssim);
    }
}
