package dev.shmt.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shmt.api.Partition;
import dev.shmt.api.PolicyInfo;
import dev.shmt.api.PolicyName;
import dev.shmt.api.QawsSettings;
import dev.shmt.api.Report;
import dev.shmt.api.VopCall;
import dev.shmt.runtime.policy.BuiltInPolicies;
import dev.shmt.runtime.policy.Policies;
import dev.shmt.runtime.spi.Policy;
import dev.shmt.runtime.spi.PolicyConfig;
import dev.shmt.runtime.spi.PolicyProvider;
import dev.shmt.runtime.testing.FaultDevice;
import dev.shmt.runtime.testing.RoundRobin;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Policies plug in as devices do: {@link RoundRobin}, a policy of the tests, runs given as an object and
 * by the name its provider offers (registered in this module's test resources), and its HLOPs really go
 * to the devices in turn.
 */
class PolicyProviderTest {
    private static RuntimeBuilder twoDevices() {
        return ShmtRuntime.builder().discoverDevices(false)
                .addDevice(FaultDevice.slow("left", 0))
                .addDevice(FaultDevice.slow("right", 0));
    }

    private static VopCall call(int hlops) {
        return VopCall.builder("dealt", Partition.ELEMENTWISE).length(hlops * 1024).chunkHint(1024)
                .cpu(r -> null).build();
    }

    /** The device of each HLOP, by index. */
    private static List<String> devices(Report r) {
        List<String> byIndex = new ArrayList<>(r.hlops().size());
        for (int i = 0; i < r.hlops().size(); i++) {
            byIndex.add(null);
        }
        for (Report.HlopRecord h : r.hlops()) {
            byIndex.set(h.index(), h.device());
        }
        return byIndex;
    }

    /** Two calls of 5 HLOPs: the second carries on where the first stopped, which {@code even} would not. */
    private static void assertDealtInTurn(ShmtRuntime rt) {
        assertThat(rt.policy()).isEqualTo("round-robin");
        Report first = rt.execute(call(5));
        Report second = rt.execute(call(5));
        assertThat(devices(first)).containsExactly("left", "right", "left", "right", "left").inOrder();
        assertThat(devices(second)).containsExactly("right", "left", "right", "left", "right").inOrder();
        assertThat(first.policy()).isEqualTo("round-robin");
        assertThat(first.steals() + second.steals()).isEqualTo(0);
    }

    @Test
    void aPolicyObjectRunsAsGiven() {
        try (ShmtRuntime rt = twoDevices().policy(new RoundRobin()).build()) {
            assertDealtInTurn(rt);
        }
    }

    @Test
    void aPolicyObjectRunsThroughTheApisBuilderToo() {
        try (var shmt = dev.shmt.api.Shmt.builder().policy((dev.shmt.api.SchedulingPolicy) new RoundRobin()).build()) {
            assertThat(shmt.policy()).isEqualTo("round-robin");
        }
        dev.shmt.api.SchedulingPolicy named = () -> "mine";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShmtRuntime.builder().policy(named));
        assertThat(e).hasMessageThat().startsWith("policy: expected an implementation of dev.shmt.runtime.spi.Policy");
    }

    @Test
    void aProvidersPolicyRunsByName() {
        try (ShmtRuntime rt = twoDevices().policy("round-robin").build()) {
            assertDealtInTurn(rt);
        }
        // Through the API as well: the name parses where no runtime type is in sight.
        assertThat(PolicyName.parse(" round-robin ")).isEqualTo(new PolicyName("round-robin", null));
        try (ShmtRuntime rt = twoDevices().policy(PolicyName.parse("round-robin")).build()) {
            assertDealtInTurn(rt); // a new policy for each runtime: it starts on the first device again
        }
    }

    @Test
    void theBuiltInPoliciesComeFirstThenTheProvidersOnes() {
        List<String> known = PolicyName.known().stream().map(PolicyInfo::toString).toList();
        assertThat(known).containsExactly("single:<device>", "even", "ws", "qaws-ls", "qaws-lu", "qaws-lr", "qaws-ts",
                "qaws-tu", "qaws-tr", "adaptive", "oracle", "random", "round-robin").inOrder();
        String builtIn = new BuiltInPolicies().policies().stream().map(PolicyInfo::toString)
                .collect(Collectors.joining(", "));
        assertThat(builtIn).isEqualTo(PolicyName.NAMES);
    }

    @Test
    void anUnknownNameListsEveryKnownOne() {
        String expected = "policy 'round-robbin' is unknown; expected one of " + PolicyName.NAMES + ", round-robin";
        assertThat(assertThrows(IllegalArgumentException.class, () -> ShmtRuntime.builder().policy("round-robbin")))
                .hasMessageThat().isEqualTo(expected);
        assertThat(assertThrows(IllegalArgumentException.class, () -> PolicyName.parse("round-robbin")))
                .hasMessageThat().isEqualTo(expected);
        // A name built by hand is checked too, and an argument the policy does not take is refused.
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> ShmtRuntime.builder().policy(new PolicyName("round-robin", "left"))))
                .hasMessageThat().startsWith("policy 'round-robin:left' is unknown; expected one of single:<device>");
    }

    @Test
    void twoProvidersOfOneNameAreRefusedNamingBoth() {
        PolicyProvider clash = new PolicyProvider() {
            @Override
            public List<PolicyInfo> policies() {
                return List.of(new PolicyInfo("ws", null, "another work stealing"));
            }

            @Override
            public Policy create(PolicyName name, PolicyConfig config) {
                return new RoundRobin();
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Policies.of(List.of(new BuiltInPolicies(), new RoundRobin.Provider(), clash)));
        assertThat(e).hasMessageThat().isEqualTo("policy 'ws' is offered twice, by "
                + BuiltInPolicies.class.getName() + " and by " + clash.getClass().getName()
                + "; a name must have one provider: take one of them off the class path");
    }

    @Test
    void aNamedPolicyIsCreatedByItsProvider() {
        Policies offered = Policies.of(List.of(new BuiltInPolicies(), new RoundRobin.Provider()));
        PolicyConfig config = new PolicyConfig(QawsSettings.DEFAULTS, (device, call, regions) -> new Object[0]);
        assertThat(offered.create(PolicyName.parse("round-robin", offered.offered()), config))
                .isInstanceOf(RoundRobin.class);
        assertThat(offered.create(PolicyName.single("left"), config).name()).isEqualTo("single:left");
        assertThat(offered.create(PolicyName.parse("qaws-ts", offered.offered()), config).name()).isEqualTo("qaws-ts");
    }
}
