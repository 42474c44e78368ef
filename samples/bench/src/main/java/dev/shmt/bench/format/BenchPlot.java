package dev.shmt.bench.format;

import dev.shmt.bench.results.RowLabel;
import dev.shmt.bench.results.RunResult;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The {@code --plot} PNG (XChart): speedup against the fastest single device, and error_rate against
 * the double reference, per app (groups) and policy (bars), side by side, speedups with their 95%
 * confidence interval as error bars; and, where the devices mix precisions, each row's error against the
 * approximate device's share with the line HLOPs picked at random follow. Failed runs are drawn as 0.
 */
final class BenchPlot {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 480;

    private BenchPlot() {}

    static void write(Path file, List<RunResult> runs) throws IOException {
        // No window is opened; headless also works on machines without a display.
        System.setProperty("java.awt.headless", "true");
        Set<String> apps = new LinkedHashSet<>();
        Set<String> policies = new LinkedHashSet<>();
        for (RunResult r : runs) {
            apps.add(r.app());
            policies.add(r.policy());
        }
        CategoryChart speed = chart("Speedup vs. fastest single device (bars: 95% CI)", "speedup (x)", apps,
                policies, runs, r -> r.failed() || !r.speedup().present() ? 0 : r.speedup().median(),
                r -> r.failed() || !r.speedup().present() ? 0
                        : Math.max(r.speedup().high() - r.speedup().median(), r.speedup().median() - r.speedup().low()));
        CategoryChart quality = chart("Quality vs. double-precision reference", "error_rate (%)", apps, policies,
                runs, r -> r.failed() ? 0 : 100 * r.quality().errorRate(), null);
        List<BufferedImage> panels = new ArrayList<>(List.of(BitmapEncoder.getBufferedImage(speed),
                BitmapEncoder.getBufferedImage(quality)));
        if (runs.stream().anyMatch(r -> !r.failed() && r.energy() != null)) {
            CategoryChart energy = chart("Energy per run vs. fastest single device (bars: 95% CI)", "energy (x)",
                    apps, policies, runs, r -> r.failed() || r.energy() == null || !r.energy().vsFastest().present() ? 0
                            : r.energy().vsFastest().median(),
                    r -> r.failed() || r.energy() == null || !r.energy().vsFastest().present() ? 0
                            : Math.max(r.energy().vsFastest().high() - r.energy().vsFastest().median(),
                                    r.energy().vsFastest().median() - r.energy().vsFastest().low()));
            panels.add(BitmapEncoder.getBufferedImage(energy));
        }
        XYChart choice = selection(runs);
        if (choice != null) {
            panels.add(BitmapEncoder.getBufferedImage(choice));
        }
        int width = panels.stream().mapToInt(BufferedImage::getWidth).sum();
        int height = panels.stream().mapToInt(BufferedImage::getHeight).max().orElse(HEIGHT);
        BufferedImage both = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        int x = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth();
        }
        g.dispose();
        if (!ImageIO.write(both, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    /**
     * Error against the approximate device's share of the output, both relative (error over that of the
     * approximate device alone), for every co-execution row (each policy and K, every app): HLOPs picked at
     * random lie on the diagonal, a choice that beats chance below it. Null when no row has a selection.
     */
    private static XYChart selection(List<RunResult> runs) {
        List<RunResult> rows = runs.stream().filter(r -> !r.failed() && r.selection() != null && !r.single()
                && r.selection().deviceOnlyErrorRate() > 0).toList();
        if (rows.isEmpty()) {
            return null;
        }
        String device = rows.get(0).selection().device();
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Error vs. " + device + " share (both relative to " + device + " alone)")
                .xAxisTitle(device + " share of the output").yAxisTitle("error_rate / " + device + "-only error_rate")
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0);
        XYSeries random = c.addSeries("HLOPs at random", new double[] {0, 1}, new double[] {0, 1});
        random.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        Set<String> families = new LinkedHashSet<>();
        rows.forEach(r -> families.add(RowLabel.basePolicy(r.policy())));
        for (String f : families) {
            List<RunResult> of = rows.stream().filter(r -> RowLabel.basePolicy(r.policy()).equals(f)).toList();
            double[] xs = of.stream().mapToDouble(r -> r.selection().share()).toArray();
            double[] ys = of.stream().mapToDouble(r -> r.quality().errorRate() / r.selection().deviceOnlyErrorRate())
                    .toArray();
            XYSeries s = c.addSeries(f, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return c;
    }

    private static CategoryChart chart(String title, String yTitle, Set<String> apps, Set<String> policies,
            List<RunResult> runs, ToDoubleFunction<RunResult> value, ToDoubleFunction<RunResult> error) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("app")
                .yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setAvailableSpaceFill(0.9);
        List<String> x = new ArrayList<>(apps);
        for (String p : policies) {
            List<Double> y = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            for (String app : x) {
                RunResult run = runs.stream().filter(r -> r.app().equals(app) && r.policy().equals(p)).findFirst()
                        .orElse(null);
                y.add(run == null ? 0.0 : value.applyAsDouble(run));
                e.add(run == null || error == null ? 0.0 : error.applyAsDouble(run));
            }
            if (error == null) {
                c.addSeries(p, x, y);
            } else {
                // XChart draws symmetric bars: the wider side of the (asymmetric) interval, so none is hidden.
                c.addSeries(p, x, y, e);
            }
        }
        return c;
    }
}
