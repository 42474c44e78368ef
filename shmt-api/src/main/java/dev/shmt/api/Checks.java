package dev.shmt.api;

/** Argument checks shared by the views; messages name the argument and what was expected. */
final class Checks {
    private Checks() {}

    static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    static int elementCount(String name, int a, int b) {
        long n = (long) a * b;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + " = " + a + " x " + b + " = " + n
                    + " elements does not fit in a Java array");
        }
        return (int) n;
    }
}
