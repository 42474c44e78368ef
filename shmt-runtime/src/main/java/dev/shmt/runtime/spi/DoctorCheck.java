package dev.shmt.runtime.spi;

import java.util.List;

/**
 * One part of {@code shmt doctor}: what this machine has for a device (or for all of them), checked
 * against what that device needs. Found with {@link java.util.ServiceLoader}, like {@link DeviceProvider}.
 * A check never throws and never loads a native library that could crash the JVM.
 */
public interface DoctorCheck {
    /** Sorts the sections: machine first, then the devices. */
    int order();

    Section check();

    /**
     * One section of the report.
     *
     * @param name "machine", "cpu", "gpu", "npu"
     * @param present whether this machine has the hardware (or the software, for a device that needs none)
     * @param usable whether the device will run HLOPs; {@code doctor} fails when a present device is not
     * @param findings what was looked at, in order
     */
    record Section(String name, boolean present, boolean usable, List<Finding> findings) {
        public Section {
            findings = List.copyOf(findings);
        }
    }

    /**
     * One thing looked at.
     *
     * @param ok whether it is as the device needs it
     * @param item what was looked at: "architecture", "libedgetpu", ...
     * @param found what is there
     * @param fix what to do when not ok ("" when ok or when nothing can be done)
     */
    record Finding(boolean ok, String item, String found, String fix) {
        public static Finding ok(String item, String found) {
            return new Finding(true, item, found, "");
        }

        public static Finding problem(String item, String found, String fix) {
            return new Finding(false, item, found, fix);
        }
    }
}
