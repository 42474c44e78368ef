package dev.shmt.apps;

import dev.shmt.apps.blackscholes.BlackscholesApp;
import dev.shmt.apps.dct8x8.Dct8x8App;
import dev.shmt.apps.dwt.DwtApp;
import dev.shmt.apps.fft.FftApp;
import dev.shmt.apps.histogram.HistogramApp;
import dev.shmt.apps.laplacian.LaplacianApp;
import dev.shmt.apps.meanfilter.MeanFilterApp;
import dev.shmt.apps.sobel.SobelApp;
import dev.shmt.apps.srad.SradApp;
import java.util.List;
import java.util.stream.Collectors;

/** The benchmarks {@code ./shmt bench} knows, in the order it runs them. */
public final class Apps {
    private Apps() {}

    public static List<BenchApp> all() {
        return List.of(new BlackscholesApp(), new SobelApp(), new FftApp(), new LaplacianApp(), new MeanFilterApp(),
                new HotspotApp(), new DwtApp(), new Dct8x8App(), new SradApp(), new HistogramApp());
    }

    /** The app named {@code name}; a one-line {@link IllegalArgumentException} listing the names otherwise. */
    public static BenchApp named(String name) {
        for (BenchApp a : all()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown app '" + name + "'; the apps are "
                + all().stream().map(BenchApp::name).collect(Collectors.joining(", ")));
    }
}
