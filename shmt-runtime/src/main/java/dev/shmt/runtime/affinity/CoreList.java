package dev.shmt.runtime.affinity;

import java.util.BitSet;

/** Sets of core numbers in Linux's list form ({@code "0-2,5"}), as {@code Cpus_allowed_list} and taskset write them. */
public final class CoreList {
    private CoreList() {}

    /**
     * Parses {@code "0-2,5"}.
     *
     * @throws IllegalArgumentException naming {@code what} when the text is not such a list
     */
    public static BitSet parse(String text, String what) {
        BitSet set = new BitSet();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + ": expected cores such as 0-2,5, got an empty list");
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            try {
                int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).strip());
                if (lo < 0 || hi < lo || hi > Affinity.MAX_CORES - 1) {
                    throw new NumberFormatException();
                }
                set.set(lo, hi + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": expected cores such as 0-2,5 (each from 0 to "
                        + (Affinity.MAX_CORES - 1) + ", ranges low-high), got '" + text + "'");
            }
        }
        return set;
    }

    /** {@code {0, 1, 2, 5}} as {@code "0-2,5"}. */
    public static String format(BitSet set) {
        StringBuilder sb = new StringBuilder();
        for (int lo = set.nextSetBit(0); lo >= 0; ) {
            int hi = set.nextClearBit(lo) - 1;
            sb.append(sb.length() == 0 ? "" : ",").append(lo);
            if (hi > lo) {
                sb.append('-').append(hi);
            }
            lo = set.nextSetBit(hi + 1);
        }
        return sb.toString();
    }
}
