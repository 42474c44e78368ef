package dev.shmt.npu.kernels;

import dev.shmt.runtime.spi.Setting;
import java.util.Locale;

/**
 * How a stencil kernel scales each HLOP onto its static int8 model, from the system property
 * {@code shmt.npu.outputScale} or else the environment variable {@code SHMT_NPU_OUTPUT_SCALE}:
 *
 * <ul>
 *   <li>{@code off}: no per-HLOP scaling; every HLOP runs the model built for the VOP's declared input range,
 *       as a plain static model would;
 *   <li>{@code worst}: each HLOP's input range spread over the model's input, and an output scale that
 *       covers everything that input can reach, so nothing saturates;
 *   <li>{@code p<percentile>} (the default, {@code p99.9}): as {@code worst}, then the finest output scale on
 *       a ladder of models, each step 1/sqrt(2) the range of the one before, that covers that percentile of the
 *       HLOP's outputs as a sparse pass over its tile estimates them. Outputs beyond it saturate, and the
 *       report counts them.
 * </ul>
 *
 * @param mode off, worst or percentile
 * @param percentile the share of outputs (0 to 1) the scale must cover, for the percentile mode
 */
public record OutputScale(Mode mode, double percentile) {
    public enum Mode { OFF, WORST, PERCENTILE }

    public static final String PROPERTY = "shmt.npu.outputScale";
    public static final String ENV = "SHMT_NPU_OUTPUT_SCALE";
    private static final Setting SETTING = new Setting(PROPERTY, ENV);
    public static final OutputScale DEFAULT = new OutputScale(Mode.PERCENTILE, 0.999);
    /** The last value read and what it meant: kernels ask on every HLOP, and it seldom changes. */
    private static volatile Parsed last;

    private record Parsed(String text, OutputScale scale) {}

    public OutputScale {
        if (mode == Mode.PERCENTILE && !(percentile > 0 && percentile <= 1)) {
            throw new IllegalArgumentException("percentile must be in (0, 1], got " + percentile);
        }
    }

    /** The setting in force: {@link #DEFAULT} when none is set; a bad value is refused with what was expected. */
    public static OutputScale configured() {
        String v = SETTING.value();
        Parsed p = last;
        if (p != null && java.util.Objects.equals(p.text, v)) {
            return p.scale;
        }
        OutputScale s;
        try {
            s = v == null ? DEFAULT : parse(v);
        } catch (IllegalArgumentException e) {
            throw SETTING.invalid("off, worst or p<percentile> such as p99.9 (" + e.getMessage() + ")");
        }
        last = new Parsed(v, s);
        return s;
    }

    /** {@code off}, {@code worst} or {@code p} followed by a percentile in (0, 100]. */
    public static OutputScale parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("off")) {
            return new OutputScale(Mode.OFF, Double.NaN);
        }
        if (t.equals("worst")) {
            return new OutputScale(Mode.WORST, Double.NaN);
        }
        if (t.startsWith("p")) {
            double pct;
            try {
                pct = Double.parseDouble(t.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no percentile after p");
            }
            if (!(pct > 0 && pct <= 100)) {
                throw new IllegalArgumentException("percentile " + pct + " is not in (0, 100]");
            }
            return new OutputScale(Mode.PERCENTILE, pct / 100);
        }
        throw new IllegalArgumentException("'" + text + "' is not off, worst or p<percentile>");
    }

    /** Whether each HLOP's own input range is spread over the model's input. */
    public boolean scalesInput() {
        return mode != Mode.OFF;
    }

    /** Whether each HLOP picks its output scale from the ladder. */
    public boolean ladder() {
        return mode == Mode.PERCENTILE;
    }

    /** As users write it: off, worst, p99.9. */
    @Override
    public String toString() {
        return switch (mode) {
            case OFF -> "off";
            case WORST -> "worst";
            case PERCENTILE -> "p" + trim(percentile * 100);
        };
    }

    private static String trim(double v) {
        String s = String.valueOf(Math.round(v * 1000) / 1000.0);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
