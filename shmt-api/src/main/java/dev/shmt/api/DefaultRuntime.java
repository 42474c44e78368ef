package dev.shmt.api;

/** Holds {@link Shmt#defaultRuntime()}, replacing it if a user closed it. */
final class DefaultRuntime {
    private static Shmt instance;

    private DefaultRuntime() {}

    static synchronized Shmt get() {
        if (instance == null || instance.isClosed()) {
            instance = Shmt.builder().build();
        }
        return instance;
    }
}
