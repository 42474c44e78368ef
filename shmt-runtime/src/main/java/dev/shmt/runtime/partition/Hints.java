package dev.shmt.runtime.partition;

/**
 * A runtime's own HLOP size settings; 0 means unset. They override a VOP's hints: the VOP author picks
 * a size for typical hardware, whoever deploys the runtime knows the actual hardware.
 */
public record Hints(int tileRows, int tileCols, int chunk) {
    public static final Hints NONE = new Hints(0, 0, 0);

    public Hints {
        if (tileRows < 0 || tileCols < 0 || chunk < 0) {
            throw new IllegalArgumentException("hints must be >= 0 (0 = unset), got tile " + tileRows + " x "
                    + tileCols + ", chunk " + chunk);
        }
    }
}
