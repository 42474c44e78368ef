package dev.shmt.gpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The images inside a fatbin as {@code nvcc -fatbin} writes it (no ELF or wrapper struct around it): a 16-byte
 * header (u32 magic 0xBA55ED50, u16 version, u16 header size, u64 size of what follows), then entries, each a
 * header (u16 kind: 1 PTX, 2 ELF; u16 version; u32 header size; u64 payload size; ...; u32 sm at offset 28)
 * and its payload. NVIDIA does not document the layout; this is the one the files from nvcc 13.0 show and
 * that CUDA's loaders read, checked on the committed files.
 */
final class FatbinImages {
    static final int MAGIC = 0xBA55ED50;
    static final int KIND_PTX = 1;
    static final int KIND_ELF = 2;

    /** One image: its kind, the SM it is for, and its bytes. */
    record Image(int kind, int sm, byte[] payload) {
        String describe() {
            return (kind == KIND_PTX ? "ptx" : kind == KIND_ELF ? "sass" : "kind" + kind) + " sm_" + sm;
        }

        String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    private FatbinImages() {}

    /** The images, or an IllegalArgumentException saying where the bytes stop making sense. */
    static List<Image> parse(byte[] fatbin) {
        ByteBuffer b = ByteBuffer.wrap(fatbin).order(ByteOrder.LITTLE_ENDIAN);
        if (fatbin.length < 16 || b.getInt(0) != MAGIC) {
            throw new IllegalArgumentException(String.format("no fatbin magic 0x%08X at offset 0", MAGIC));
        }
        int headerSize = Short.toUnsignedInt(b.getShort(6));
        long size = b.getLong(8);
        if (headerSize + size != fatbin.length) {
            throw new IllegalArgumentException("header says " + headerSize + " + " + size + " bytes, the file has "
                    + fatbin.length);
        }
        List<Image> images = new ArrayList<>();
        long at = headerSize;
        while (at < fatbin.length) {
            if (at + 32 > fatbin.length) {
                throw new IllegalArgumentException("entry header at " + at + " runs past the end");
            }
            int pos = (int) at;
            int kind = Short.toUnsignedInt(b.getShort(pos));
            long entryHeader = Integer.toUnsignedLong(b.getInt(pos + 4));
            long payload = b.getLong(pos + 8);
            int sm = b.getInt(pos + 28);
            long end = at + entryHeader + payload;
            if (entryHeader < 32 || payload < 0 || end > fatbin.length) {
                throw new IllegalArgumentException("entry at " + at + " (header " + entryHeader + ", payload "
                        + payload + ") runs past the end " + fatbin.length);
            }
            byte[] bytes = new byte[(int) payload];
            System.arraycopy(fatbin, (int) (at + entryHeader), bytes, 0, bytes.length);
            images.add(new Image(kind, sm, bytes));
            at = end;
        }
        return images;
    }
}
