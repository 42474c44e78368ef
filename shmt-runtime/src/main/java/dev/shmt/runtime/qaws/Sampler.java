package dev.shmt.runtime.qaws;

/**
 * Reads samples of one tile into a {@link SampleSink} (Algorithms 3 to 5 of the paper). The tile is
 * {@code rows x cols} cells of {@code data}, row-major from {@code offset}, rows {@code stride} apart;
 * a 1-D chunk is one row. Samplers allocate nothing: they run once per HLOP and input on the caller's
 * thread, before any HLOP is queued.
 */
public interface Sampler {
    /** The policy-name letter: s, u or r. */
    char code();

    /**
     * Adds about {@code samples} cells of the tile to {@code out} (at least one, at most every cell).
     *
     * @param seed makes random samplers reproducible; samplers that do not draw ignore it
     */
    void sample(float[] data, int offset, int rows, int cols, int stride, int samples, long seed, SampleSink out);

    /** The sampler a policy name's last letter selects. */
    static Sampler forCode(char code) {
        switch (code) {
            case 's':
                return new StridingSampler();
            case 'u':
                return new UniformSampler();
            case 'r':
                return new ReductionSampler();
            default:
                throw new IllegalArgumentException("sampler '" + code + "' is unknown; expected s (striding), "
                        + "u (uniform random) or r (reduction)");
        }
    }
}
