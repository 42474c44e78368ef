package dev.shmt.runtime.spi;

import java.io.IOException;

/**
 * One thing an energy meter reads: a RAPL zone, a GPU, a power rail, a wall meter, a device's model. A
 * {@link Method#COUNTER} or {@link Method#MODELLED} channel gives cumulative joules, read at a window's
 * ends; a {@link Method#SAMPLED} channel gives power, which the runtime's sampling thread integrates.
 */
public interface EnergyChannel {
    /** How a channel's joules come about. */
    enum Method {
        /** A hardware energy counter, read at the window's ends. */
        COUNTER,
        /** Power read every interval and integrated over time (P dt). */
        SAMPLED,
        /** Not measured: computed from datasheet or profile figures and the time a device was busy. */
        MODELLED
    }

    /** What a channel covers, so that a total counts nothing twice. */
    enum Scope {
        /** Everything, from the socket: an external wall meter. */
        WALL,
        /** The whole module or platform: a Jetson's input rail, RAPL's psys. */
        SYSTEM,
        /** One part, disjoint from the other components: a CPU package, DRAM, a GPU, an Edge TPU. */
        COMPONENT,
        /** A part of another channel (RAPL core within package, a Jetson's rails within its input). */
        WITHIN
    }

    /** The channel's name within its meter: {@code package-0}, {@code VDD_IN}, {@code gpu0}. */
    String name();

    /** The runtime device the channel belongs to alone ({@code cpu}, {@code gpu}); null for several or none. */
    String device();

    Scope scope();

    Method method();

    /**
     * True for a component that a {@link Scope#SYSTEM} channel does not cover: a discrete GPU beside a
     * CPU's psys, an Edge TPU on USB or M.2 beside a Jetson module's input rail. A total then adds it.
     */
    default boolean outsideSystem() {
        return false;
    }

    /** What a user should know about what the channel covers; empty when nothing. */
    default String note() {
        return "";
    }

    /** {@link Method#COUNTER} and {@link Method#MODELLED}: joules since an arbitrary origin. */
    default double joules() throws IOException {
        throw new UnsupportedOperationException(name() + " is a power channel");
    }

    /** {@link Method#COUNTER}: the joules at which the counter wraps to 0; infinite when it does not. */
    default double wrapJoules() {
        return Double.POSITIVE_INFINITY;
    }

    /** {@link Method#COUNTER}: the counter's unit in joules; a difference of two reads is off by up to two. */
    default double resolutionJoules() {
        return 0;
    }

    /** {@link Method#SAMPLED}: the power now, in watts. */
    default double watts() throws IOException {
        throw new UnsupportedOperationException(name() + " is an energy channel");
    }

    /** {@link Method#MODELLED}: how, for reports ("Edge TPU datasheet: 2 W at 4 TOPS while busy"). */
    default String model() {
        return "";
    }

    /** {@link Method#MODELLED}: the power the model gives the device while busy, watts; NaN otherwise. */
    default double modelledActiveWatts() {
        return Double.NaN;
    }

    /** The idle power the model assumes, watts; NaN when the channel is measured or models none. */
    default double modelledIdleWatts() {
        return Double.NaN;
    }
}
