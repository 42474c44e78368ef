package dev.shmt.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.shmt.api.FloatMatrix;
import dev.shmt.api.PolicyInfo;
import dev.shmt.api.PolicyName;
import dev.shmt.api.Report;
import dev.shmt.api.Shmt;
import dev.shmt.examples.FiltersVops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy from outside the runtime module ({@link RoundRobinPolicy}, in this module's test sources) runs
 * as an object given to the builder, by the name its provider offers, and in {@code ./shmt bench}.
 */
class UserPolicyTest {
    private static final int SIDE = 64;
    private static final int TILE = 16; // 16 HLOPs of 16 x 16

    /** sharpen3 over a SIDE x SIDE image: cpu and npu both take it, so the policy alone picks the device. */
    private static List<String> devicesByHlop(Shmt shmt) {
        FloatMatrix src = FloatMatrix.create(SIDE, SIDE);
        for (int i = 0; i < SIDE * SIDE; i++) {
            src.array()[i] = (i * 37 % 101) / 101f;
        }
        Report r = FiltersVops.sharpen3(shmt, src, FloatMatrix.create(SIDE, SIDE));
        assertThat(r.policy()).isEqualTo(RoundRobinPolicy.NAME);
        List<String> byIndex = new ArrayList<>(Collections.nCopies(r.hlops().size(), (String) null));
        r.hlops().forEach(h -> byIndex.set(h.index(), h.device()));
        return byIndex;
    }

    private static void assertDealtInTurn(List<String> devices) {
        assertThat(devices).hasSize((SIDE / TILE) * (SIDE / TILE));
        for (int i = 0; i < devices.size(); i++) {
            assertWithMessage("HLOP %s of %s", i, devices).that(devices.get(i)).isEqualTo(i % 2 == 0 ? "cpu" : "npu");
        }
    }

    @Test
    void runsAsAnObjectGivenToTheBuilder() {
        try (Shmt shmt = Shmt.builder().devices("cpu", "npu").tileHint(TILE, TILE).policy(new RoundRobinPolicy())
                .build()) {
            assertDealtInTurn(devicesByHlop(shmt));
        }
    }

    @Test
    void runsByTheNameItsProviderOffers() {
        assertThat(PolicyName.known().stream().map(PolicyInfo::name).toList()).contains(RoundRobinPolicy.NAME);
        try (Shmt shmt = Shmt.builder().devices("cpu", "npu").tileHint(TILE, TILE).policy("round-robin").build()) {
            assertDealtInTurn(devicesByHlop(shmt));
        }
    }

    @Test
    void runsInTheBenchByName(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        BenchCommandTest.Run r = BenchCommandTest.shmt("bench", "sobel", "--size", "64", "--tile", "16", "--devices",
                "cpu,npu", "--policy", "round-robin", "--repeat", "2", "--warmup", "1", "--no-progress", "--report",
                report.toString());
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).that(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("round-robin");
        List<String> policies = new ArrayList<>();
        JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("runs")
                .forEach(e -> policies.add(e.getAsJsonObject().get("policy").getAsString()));
        // The single-device baselines come first, for the speedup.
        assertThat(policies).containsExactly("single:cpu", "single:npu", "round-robin").inOrder();
        JsonObject rr = JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("runs")
                .get(2).getAsJsonObject();
        assertWithMessage("%s", rr).that(rr.has("declined")).isFalse();
        // 16 HLOPs a call, dealt alternately: as many on each device, none stolen.
        JsonObject hlops = rr.getAsJsonObject("hlops");
        assertWithMessage("%s", rr).that(hlops.get("cpu").getAsInt()).isGreaterThan(0);
        assertWithMessage("%s", rr).that(hlops.get("npu").getAsInt()).isEqualTo(hlops.get("cpu").getAsInt());
        assertWithMessage("%s", rr).that(rr.get("steals").getAsDouble()).isEqualTo(0.0);
    }

    @Test
    void theBenchsHelpListsIt() {
        BenchCommandTest.Run r = BenchCommandTest.shmt("bench", "--help");
        assertWithMessage("stdout:%n%s%nstderr:%n%s", r.out(), r.err()).that(r.code()).isEqualTo(0);
        assertThat(r.out().replaceAll("\\s+", " ")).contains("oracle, random, round-robin (the built-in ones");
    }
}
