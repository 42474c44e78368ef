package dev.shmt.bench.format;

import dev.shmt.bench.results.RunResult;
import dev.shmt.bench.results.SweepPoint;
import dev.shmt.bench.results.SweepResults;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sweep's PNG: per app, speedup against the fastest single device and efficiency, each policy
 * against the swept device's speed factor (log scale), with the ideal (every device busy all the time)
 * drawn dashed.
 */
final class SweepPlot {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    private SweepPlot() {}

    static void write(Path file, SweepResults sweep) throws IOException {
        System.setProperty("java.awt.headless", "true");
        String device = sweep.device();
        List<SweepPoint> points = sweep.points();
        List<BufferedImage> rows = new ArrayList<>();
        for (String app : sweep.apps()) {
            XYChart speed = chart(app + ": speedup vs. fastest single device", device, "speedup (x)");
            XYChart eff = chart(app + ": efficiency", device, "efficiency");
            double[] x = points.stream().mapToDouble(SweepPoint::speed).toArray();
            XYSeries ideal = speed.addSeries("ideal", x, points.stream().mapToDouble(p -> p.ideal(app)).toArray());
            ideal.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT,
                    java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            ideal.setMarker(SeriesMarkers.NONE);
            XYSeries one = eff.addSeries("ideal", x, points.stream().mapToDouble(p -> 1.0).toArray());
            one.setLineStyle(ideal.getLineStyle());
            one.setMarker(SeriesMarkers.NONE);
            for (String policy : sweep.policies(app)) {
                double[] s = new double[x.length];
                double[] e = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    RunResult r = points.get(i).find(app, policy);
                    boolean ok = r != null && !r.failed();
                    s[i] = ok && r.speedup().present() ? r.speedup().median() : Double.NaN;
                    e[i] = ok && r.efficiency().present() ? r.efficiency().median() : Double.NaN;
                }
                speed.addSeries(policy, x, s);
                eff.addSeries(policy, x, e);
            }
            BufferedImage a = BitmapEncoder.getBufferedImage(speed);
            BufferedImage b = BitmapEncoder.getBufferedImage(eff);
            BufferedImage row = new BufferedImage(a.getWidth() + b.getWidth(), Math.max(a.getHeight(), b.getHeight()),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = row.createGraphics();
            g.drawImage(a, 0, 0, null);
            g.drawImage(b, a.getWidth(), 0, null);
            g.dispose();
            rows.add(row);
        }
        int width = rows.stream().mapToInt(BufferedImage::getWidth).max().orElse(WIDTH);
        int height = rows.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage all = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        int y = 0;
        for (BufferedImage r : rows) {
            g.drawImage(r, 0, y, null);
            y += r.getHeight();
        }
        g.dispose();
        if (!ImageIO.write(all, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private static XYChart chart(String title, String device, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(device + " speed factor (log)").yAxisTitle(y).build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setYAxisMin(0.0);
        return c;
    }
}
