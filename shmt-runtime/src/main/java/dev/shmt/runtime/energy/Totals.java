package dev.shmt.runtime.energy;

import dev.shmt.api.Energy;
import dev.shmt.api.IdlePower;
import dev.shmt.runtime.spi.EnergyChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A window's total, counting nothing twice: a wall meter covers everything; else a system channel (a
 * module's input rail, RAPL's psys) plus the components it does not cover (a discrete GPU, an Edge TPU on
 * USB or M.2); else the sum of the disjoint components. Channels within another never add.
 */
final class Totals {
    private Totals() {}

    static Energy of(List<Energy.Reading> readings, List<Tracked> channels, long windowNanos, IdlePower idle,
                     String missing) {
        List<Integer> wall = new ArrayList<>();
        List<Integer> system = new ArrayList<>();
        List<Integer> parts = new ArrayList<>();
        List<Integer> outside = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            EnergyChannel c = channels.get(i).channel;
            switch (c.scope()) {
                case WALL -> wall.add(i);
                case SYSTEM -> system.add(i);
                case COMPONENT -> {
                    parts.add(i);
                    if (c.outsideSystem()) {
                        outside.add(i);
                    }
                }
                case WITHIN -> { }
            }
        }
        List<Integer> from;
        if (!wall.isEmpty()) {
            from = wall;
        } else if (!system.isEmpty()) {
            from = new ArrayList<>(system);
            from.addAll(outside);
        } else {
            from = parts;
        }
        if (from.isEmpty()) {
            String why = readings.isEmpty() ? missing : "no channel covers the system or a whole component"
                    + (missing == null ? "" : "; " + missing);
            return new Energy(readings, windowNanos, Double.NaN, Double.NaN, "", idle, why);
        }
        double joules = 0;
        double error = 0;
        List<String> names = new ArrayList<>();
        for (int i : from) {
            joules += readings.get(i).joules();
            error += readings.get(i).errorJoules();
            names.add(readings.get(i).key());
        }
        return new Energy(readings, windowNanos, joules, error, String.join(" + ", names), idle, missing);
    }
}
