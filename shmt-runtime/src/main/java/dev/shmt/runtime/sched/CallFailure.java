package dev.shmt.runtime.sched;

import dev.shmt.api.DeviceInfo;
import dev.shmt.api.Region;
import dev.shmt.api.ShmtExecutionException;
import java.util.ArrayList;
import java.util.List;

/**
 * The exception of a call some HLOP of which no device could run: per failed HLOP its region and why
 * each device did not run it (its error, its quarantine, its precision, or why it could not take the
 * call at all), then which output regions were written.
 */
final class CallFailure {
    /** Regions listed in the message at most; the exception carries them all. */
    private static final int LISTED = 8;

    private CallFailure() {}

    static ShmtExecutionException of(CallState t) {
        List<Region> failed = new ArrayList<>();
        List<Region> written = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        Throwable first = null;
        for (ScheduledHlop h : t.hlops) {
            if (h.error() == null) {
                written.add(h.region());
                continue;
            }
            failed.add(h.region());
            first = first == null ? h.error() : first;
            if (reasons.size() < LISTED) {
                reasons.add("HLOP " + h.index() + " " + h.region() + ": " + String.join("; ", whyNot(t, h)));
            }
        }
        StringBuilder m = new StringBuilder(t.call.name()).append(": ").append(failed.size()).append(" of ")
                .append(t.hlops.length).append(" HLOPs could not run on any device. ")
                .append(String.join(" | ", reasons));
        if (failed.size() > reasons.size()) {
            m.append(" | and ").append(failed.size() - reasons.size()).append(" more");
        }
        m.append(". Output written for ").append(written.size()).append(" of ").append(t.hlops.length)
                .append(" regions").append(written.isEmpty() ? "" : ": " + list(written))
                .append("; the failed regions may be partly written.");
        return new ShmtExecutionException(m.toString(), first, failed, written);
    }

    private static List<String> whyNot(CallState t, ScheduledHlop h) {
        List<String> why = new ArrayList<>(h.failures());
        for (DeviceQueue q : t.eligible) {
            if (h.failedOn(q)) {
                continue;
            }
            if (q.quarantine() != null) {
                why.add(q.device().name() + ": quarantined: " + q.quarantine());
            } else if (h.floor() != null && !q.device().precision().atLeast(h.floor())) {
                why.add(q.device().name() + ": " + q.device().precision() + " is less precise than this critical"
                        + " HLOP's floor " + h.floor());
            }
        }
        for (DeviceInfo d : t.notUsed) {
            why.add(d.name() + ": not used: " + d.cause());
        }
        return why;
    }

    private static String list(List<Region> regions) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(LISTED, regions.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(regions.get(i));
        }
        return regions.size() > LISTED ? sb + ", ... (" + (regions.size() - LISTED) + " more)" : sb.toString();
    }
}
