package dev.shmt.api;

/** Argument checks shared by the views; messages name the argument and what was expected. */
final class Checks {
    private Checks() {}

    static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    /** VMs refuse arrays this close to {@link Integer#MAX_VALUE} (header words), so refuse them first. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    static <T> T notNull(String name, T value) {
        // NullPointerException as Objects.requireNonNull throws, with a sentence instead of a bare name.
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    static void arrayLength(String name, int n) {
        if (n > MAX_ARRAY) {
            throw new IllegalArgumentException(name + " = " + n + " elements does not fit in a Java array (at most "
                    + MAX_ARRAY + ")");
        }
    }

    static int elementCount(String name, int a, int b) {
        long n = (long) a * b;
        if (n > MAX_ARRAY) {
            throw new IllegalArgumentException(name + " = " + a + " x " + b + " = " + n
                    + " elements does not fit in a Java array");
        }
        return (int) n;
    }
}
