package dev.shmt.runtime.energy.sysfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One sysfs attribute holding an integer, kept open and read again from offset 0 each time: the kernel
 * produces the value afresh on every read at offset 0, and reading an open file spares an open and a
 * close per sample, which is most of the sampling thread's cost. A failed read closes the file, so the
 * next read opens it again.
 */
final class SysfsValue {
    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(64);
    private FileChannel channel;

    SysfsValue(Path file) {
        this.file = file;
    }

    synchronized long read() throws IOException {
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            buffer.clear();
            int n = channel.read(buffer, 0);
            return parse(n);
        } catch (IOException e) {
            close();
            throw e instanceof java.nio.file.FileSystemException ? e : new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The decimal integer at the buffer's start, before the newline; no String made per read. */
    private long parse(int n) throws IOException {
        long v = 0;
        int i = 0;
        boolean negative = n > 0 && buffer.get(0) == '-';
        if (negative) {
            i = 1;
        }
        int digits = 0;
        for (; i < n; i++) {
            byte b = buffer.get(i);
            if (b >= '0' && b <= '9') {
                v = v * 10 + (b - '0');
                digits++;
            } else if (b == '\n' || b == ' ') {
                break;
            } else {
                digits = 0;
                break;
            }
        }
        if (digits == 0 || digits > 18) {
            byte[] text = new byte[Math.max(0, Math.min(n, 40))];
            buffer.get(0, text);
            throw new IOException(file + ": expected an integer, found '" + new String(text).trim() + "'");
        }
        return negative ? -v : v;
    }

    synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing a read-only sysfs file has nothing to lose.
            }
            channel = null;
        }
    }
}
