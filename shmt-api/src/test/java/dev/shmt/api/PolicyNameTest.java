package dev.shmt.api;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing against the policies a runtime offers; no runtime is on this module's class path. */
class PolicyNameTest {
    private static final List<PolicyInfo> KNOWN = List.of(
            new PolicyInfo("single", "device", "every HLOP on one device"),
            new PolicyInfo("ws", null, "work stealing"),
            new PolicyInfo("qaws-ts", null, "quality-aware work stealing"),
            new PolicyInfo("round-robin", null, "a provider's"));

    @Test
    void namesParseToTheirPolicyAndPrintAsWritten() {
        assertThat(PolicyName.parse(" ws ", KNOWN)).isEqualTo(PolicyName.WS);
        assertThat(PolicyName.parse("qaws-ts", KNOWN)).isEqualTo(new PolicyName("qaws-ts", null));
        assertThat(PolicyName.parse("round-robin", KNOWN).toString()).isEqualTo("round-robin");
        PolicyName single = PolicyName.parse("single:npu", KNOWN);
        assertThat(single).isEqualTo(PolicyName.single("npu"));
        assertThat(single.isSingle()).isTrue();
        assertThat(single.device()).isEqualTo("npu");
        assertThat(single.toString()).isEqualTo("single:npu");
        assertThat(PolicyName.WS.isSingle()).isFalse();
        assertThat(PolicyName.WS.device()).isNull();
    }

    @Test
    void anArgumentGoesWithThePoliciesThatTakeOneOnly() {
        for (String bad : new String[] {"single", "single:", "ws:cpu", "ws:", "fastest", "", "qaws-tx"}) {
            assertThat(assertThrows(IllegalArgumentException.class, () -> PolicyName.parse(bad, KNOWN)))
                    .hasMessageThat().isEqualTo("policy '" + bad + "' is unknown; expected one of single:<device>, ws,"
                            + " qaws-ts, round-robin");
        }
    }

    @Test
    void malformedNamesAndInfosAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PolicyName("single", ""));
        assertThrows(IllegalArgumentException.class, () -> PolicyName.single(""));
        assertThrows(IllegalArgumentException.class, () -> new PolicyName("a:b", null));
        assertThrows(IllegalArgumentException.class, () -> new PolicyName("a b", null));
        assertThrows(IllegalArgumentException.class, () -> new PolicyInfo("", null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new PolicyInfo("x", " ", "x"));
        assertThrows(IllegalArgumentException.class, () -> new PolicyInfo("x", null, "two\nlines"));
        assertThat(new PolicyInfo("single", "device", "x").toString()).isEqualTo("single:<device>");
    }

    @Test
    void withoutARuntimeNothingIsKnown() {
        assertThat(assertThrows(IllegalStateException.class, () -> PolicyName.parse("ws")))
                .hasMessageThat().contains("no SHMT runtime on the class path");
    }
}
