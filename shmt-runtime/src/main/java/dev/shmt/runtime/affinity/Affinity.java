package dev.shmt.runtime.affinity;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.BitSet;

/**
 * Thread affinity through Linux's {@code sched_setaffinity} (JNA). Pinning applies to the calling
 * thread; threads it starts later (a native library's workers) inherit its set, so pinning a device's
 * worker before it builds anything also places the library threads it creates.
 */
public final class Affinity {
    /** Cores a mask can name: glibc's {@code CPU_SETSIZE}. */
    public static final int MAX_CORES = 1024;
    private static final int WORDS = MAX_CORES / 64;

    private static final LibC LIBC;
    private static final String UNSUPPORTED;

    static {
        LibC lib = null;
        String why = null;
        if (!Platform.isLinux()) {
            why = "thread affinity is set only on Linux, this is " + System.getProperty("os.name");
        } else {
            try {
                lib = Native.load("c", LibC.class);
                lib.sched_getaffinity(0, WORDS * 8L, new long[WORDS]);
            } catch (LinkageError | LastErrorException e) {
                lib = null;
                why = "sched_getaffinity failed: " + e.getMessage();
            }
        }
        LIBC = lib;
        UNSUPPORTED = why;
    }

    private Affinity() {}

    /** Null when this platform can pin threads; otherwise why not. */
    public static String unsupported() {
        return UNSUPPORTED;
    }

    /** The cores the calling thread may run on: every core the process was given, for a thread not pinned yet. */
    public static BitSet allowed() {
        if (LIBC == null) {
            BitSet all = new BitSet();
            all.set(0, Runtime.getRuntime().availableProcessors());
            return all;
        }
        long[] mask = new long[WORDS];
        LIBC.sched_getaffinity(0, WORDS * 8L, mask);
        return BitSet.valueOf(mask);
    }

    /**
     * Restricts the calling thread to {@code cores}.
     *
     * @throws IllegalStateException when the platform cannot pin or the kernel refuses the set
     */
    public static void pinCurrentThread(BitSet cores) {
        if (LIBC == null) {
            throw new IllegalStateException(UNSUPPORTED);
        }
        long[] mask = new long[WORDS];
        long[] words = cores.toLongArray();
        System.arraycopy(words, 0, mask, 0, Math.min(words.length, WORDS));
        try {
            LIBC.sched_setaffinity(0, WORDS * 8L, mask);
        } catch (LastErrorException e) {
            throw new IllegalStateException("sched_setaffinity(" + CoreList.format(cores) + ") failed: "
                    + e.getMessage(), e);
        }
    }

    /** The two calls; pid 0 is the calling thread, size_t is 64 bits on the platforms SHMT runs on. */
    private interface LibC extends Library {
        int sched_getaffinity(int pid, long size, long[] mask) throws LastErrorException;

        int sched_setaffinity(int pid, long size, long[] mask) throws LastErrorException;
    }
}
