package dev.shmt.apps.dwt;

import dev.shmt.api.FloatMatrix;
import java.util.Arrays;

/**
 * {@link Dwt97#forward}'s CPU body, separable and vectorizable. Each input row the tile needs (its rows and
 * the halo's) is filtered along the row first, into a ring of the last nine such rows; each output row then
 * sums the nine ring rows with the column filter of its parity. Per cell, the operations are those of the
 * GPU kernel {@code fdwt97} in the same order:
 *
 * <pre>
 * h_i = ((0 + f_c[0] x(r+i, c-4)) + f_c[1] x(r+i, c-3)) + ... + f_c[8] x(r+i, c+4)    for i = -4..4
 * out = ((0 + f_r[0] h_-4) + f_r[1] h_-3) + ... + f_r[8] h_4
 * </pre>
 *
 * with {@code f_c}, {@code f_r} the filters of the column's and row's parity. As in {@code SobelInterior},
 * every loop reads its arrays at the loop index only (C2 on JDK 17 vectorizes nothing else): each input row
 * is copied once per tap, shifted, and the taps of the column's parity are laid out per column.
 */
final class Dwt97Rows {
    private static final int TAPS = 2 * Dwt97.HALO + 1;

    private Dwt97Rows() {}

    static void forward(FloatMatrix src, FloatMatrix dst) {
        int rows = dst.rows();
        int w = dst.cols();
        if (rows == 0 || w == 0) {
            return;
        }
        int h = Dwt97.HALO;
        // taps[j][c]: tap j of the filter of column c's parity.
        float[][] taps = new float[TAPS][w];
        for (int c = 0; c < w; c++) {
            float[] f = Dwt97.filter(src.originCol() + c);
            for (int j = 0; j < TAPS; j++) {
                taps[j][c] = f[j];
            }
        }
        float[][] ring = new float[TAPS][w];
        float[] line = new float[w + 2 * h];
        float[] shifted = new float[w];
        float[] row = new float[w];
        float[] out = dst.array();
        for (int i = -h; i < rows + h; i++) {
            readLine(src, i, line, w);
            float[] acc = ring[(i + TAPS) % TAPS];
            Arrays.fill(acc, 0f);
            for (int j = 0; j < TAPS; j++) {
                System.arraycopy(line, j, shifted, 0, w);
                float[] t = taps[j];
                for (int c = 0; c < w; c++) {
                    acc[c] += t[c] * shifted[c];
                }
            }
            int r = i - h; // the output row whose last input row was just filtered
            if (r >= 0) {
                float[] f = Dwt97.filter(src.originRow() + r);
                Arrays.fill(row, 0f);
                for (int k = 0; k < TAPS; k++) {
                    float[] hk = ring[(r - h + k + TAPS) % TAPS];
                    float fk = f[k];
                    for (int c = 0; c < w; c++) {
                        row[c] += fk * hk[c];
                    }
                }
                System.arraycopy(row, 0, out, dst.offset() + r * dst.stride(), w);
            }
        }
    }

    /** Input row {@code i} of the tile, columns -HALO .. w + HALO - 1, straight from the array where it can. */
    private static void readLine(FloatMatrix src, int i, float[] line, int w) {
        int h = Dwt97.HALO;
        int gr = src.originRow() + i;
        int gc = src.originCol() - h;
        if (gr >= 0 && gr < src.wholeRows() && gc >= 0 && gc + w + 2 * h <= src.wholeCols()) {
            System.arraycopy(src.array(), src.offset() + i * src.stride() - h, line, 0, w + 2 * h);
        } else {
            for (int c = -h; c < w + h; c++) {
                line[c + h] = src.get(i, c);
            }
        }
    }
}
