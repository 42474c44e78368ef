package dev.shmt.runtime.sched;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Energy;
import dev.shmt.api.Partition;
import dev.shmt.api.PolicyChoice;
import dev.shmt.api.Report;
import java.util.List;

/** The reports this runtime builds: {@link Report} is constructed by runtimes only. */
final class CallReport extends Report {
    CallReport(String vop, long startedAtNanos, Partition partition, String policy, long wallNanos,
               long samplingNanos, long nonFiniteSamples, Object result, List<HlopRecord> hlops,
               List<DeviceSummary> devices, List<DeviceInfo> unavailable, List<DeviceInfo> quarantined, Energy energy,
               PolicyChoice choice) {
        super(vop, startedAtNanos, partition, policy, wallNanos, samplingNanos, nonFiniteSamples, result, hlops,
                devices, unavailable, quarantined, energy, choice);
    }
}
