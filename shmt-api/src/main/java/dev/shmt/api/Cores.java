package dev.shmt.api;

import java.util.Objects;

/**
 * The host cores a device's worker threads (and the threads its library starts from them) run on.
 *
 * @param list the cores in Linux's list form ({@code "0"}, {@code "0-2,5"}): the device's own set when
 *     pinned, otherwise every core the process may use
 * @param unpinned null when the workers are pinned to {@code list}; otherwise why they are not (the
 *     device computes off the host, there are fewer cores than devices, the platform cannot pin, ...)
 */
public record Cores(String list, String unpinned) {
    public Cores {
        Objects.requireNonNull(list, "list");
    }

    public static Cores pinned(String list) {
        return new Cores(list, null);
    }

    public static Cores unpinned(String list, String why) {
        return new Cores(list, Objects.requireNonNull(why, "why"));
    }

    public boolean pinned() {
        return unpinned == null;
    }

    /** {@code "1"} when pinned, {@code "0-1 (not pinned: ...)"} otherwise. */
    @Override
    public String toString() {
        return pinned() ? list : list + " (not pinned: " + unpinned + ")";
    }
}
