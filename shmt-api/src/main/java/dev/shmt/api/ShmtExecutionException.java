package dev.shmt.api;

/** A VOP call failed: some HLOP could not run on any device. The message names every device's error. */
public class ShmtExecutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShmtExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
