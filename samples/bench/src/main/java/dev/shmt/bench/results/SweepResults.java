package dev.shmt.bench.results;

import java.util.ArrayList;
import java.util.List;

/** A sweep's results ({@code --sweep}): the device whose speed it scaled, the profile, and each factor's rows. */
public record SweepResults(String device, String profile, List<SweepPoint> points) {
    public SweepResults {
        points = List.copyOf(points);
    }

    /** The apps, in the order they ran. */
    public List<String> apps() {
        List<String> apps = new ArrayList<>();
        for (RunResult r : points.get(0).results()) {
            if (!apps.contains(r.app())) {
                apps.add(r.app());
            }
        }
        return apps;
    }

    /** The co-execution policies of {@code app}: those with an efficiency. */
    public List<String> policies(String app) {
        List<String> ps = new ArrayList<>();
        for (RunResult r : points.get(0).results()) {
            if (r.app().equals(app) && !r.single() && !ps.contains(r.policy())) {
                ps.add(r.policy());
            }
        }
        return ps;
    }
}
