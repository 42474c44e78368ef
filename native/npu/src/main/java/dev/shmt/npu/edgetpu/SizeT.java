package dev.shmt.npu.edgetpu;

import com.sun.jna.IntegerType;
import com.sun.jna.Native;

/** C's {@code size_t}: libedgetpu takes and returns counts in it, 8 bytes on 64-bit Linux. */
public final class SizeT extends IntegerType {
    private static final long serialVersionUID = 1L;

    public SizeT() {
        this(0);
    }

    public SizeT(long value) {
        super(Native.SIZE_T_SIZE, value, true);
    }
}
