package dev.shmt.runtime.emulate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A set of devices to emulate, with what their HLOPs cost: measured on a machine ({@code ./shmt
 * profile}) or built from datasheet figures (the shipped ones, sources in the file). A device's
 * parameters are its own; what a VOP's cell costs it comes from the VOP's declared cost for the device's
 * kind ({@code @EmulationCost}, a roofline against {@code peak_gops} and {@code memory_gbs}) unless the
 * device names the VOP in {@code vops} (measured profiles; overrides). {@code corun_slowdown} (>= 1) is how
 * much slower a device computes while another device is busy: the device's, or for a VOP of its
 * {@code vops} that VOP's own where it gives one. For emulated energy, {@code platform_idle_w} is the whole
 * platform's power with nothing running, and each device's {@code power} its idle and active power and
 * its bus's energy per byte ({@link PowerFigures}). JSON:
 *
 * <pre>{@code
 * {"profile": "jetson-nano-edgetpu", "description": "...", "sources": ["..."], "platform_idle_w": 3.02,
 *  "devices": [
 *    {"name": "gpu", "kind": "GPU", "precision": "FP32", "workers": 1, "hlop_us": 20,
 *     "peak_gops": 236, "memory_gbs": 25.6, "corun_slowdown": 1.2,
 *     "power": {"idle_w": 0.1, "active_w": 1.55, "bus_pj_per_byte": 20},
 *     "bus": {"in_gbs": 10, "out_gbs": 10, "latency_us": 10, "overlap": true, "value_bytes": 4},
 *     "vops": {"Sobel.sobel": {"ops_per_cell": 24, "bytes_per_cell": 8},
 *              "Blackscholes.price": {"ns_per_cell": 0.4, "corun_slowdown": 1.5}}}]}
 * }</pre>
 */
public record Profile(String name, String description, List<String> sources, List<DeviceModel> devices,
                      double platformIdleWatts) {
    /** The profiles shipped with the runtime, by name. */
    public static final List<String> SHIPPED = List.of("jetson-nano-edgetpu", "jetson-orin-nano-edgetpu");

    /** A profile with no power figures. */
    public Profile(String name, String description, List<String> sources, List<DeviceModel> devices) {
        this(name, description, sources, devices, Double.NaN);
    }

    public Profile {
        Objects.requireNonNull(name, "name");
        sources = List.copyOf(sources);
        devices = List.copyOf(devices);
    }

    /**
     * The shipped profile {@code nameOrPath}, else the JSON file at that path.
     *
     * @throws IllegalArgumentException naming the field, for a profile that is not valid
     */
    public static Profile load(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "profile");
        if (SHIPPED.contains(nameOrPath)) {
            try (InputStream in = Profile.class.getResourceAsStream("profiles/" + nameOrPath + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("shipped profile " + nameOrPath + " is missing from the jar");
                }
                return ProfileReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrPath);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("profile '" + nameOrPath + "' is neither a shipped profile ("
                    + String.join(", ", SHIPPED) + ") nor a file");
        }
        try {
            return ProfileReader.read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("reading profile " + file, e);
        }
    }

    /** The device named {@code name}; null when there is none. */
    public DeviceModel device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    /** This profile with {@code device} running {@code speed} times as fast (sweeps). */
    public Profile withSpeed(String device, double speed) {
        if (device(device) == null) {
            throw new IllegalArgumentException("profile " + name + " has no device '" + device + "'");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        List<DeviceModel> ds = new ArrayList<>();
        for (DeviceModel d : devices) {
            ds.add(d.name().equals(device) ? d.speedUp(speed) : d);
        }
        return new Profile(name, description, sources, ds, platformIdleWatts);
    }

    /** The profile as JSON, in the form {@link #load} reads. */
    public String toJson() {
        return ProfileWriter.write(this);
    }
}
