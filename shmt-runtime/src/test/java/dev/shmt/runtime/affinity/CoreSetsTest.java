package dev.shmt.runtime.affinity;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class CoreSetsTest {
    @Test
    void parsesDevicesWithRangesAndListsThatContinueAfterACommaOrSemicolon() {
        CoreSets s = CoreSets.parse(" cpu:0-2,5; npu:3 ,gpu:7", "SHMT_CPU_SETS");
        assertThat(s.auto()).isFalse();
        assertThat(s.off()).isFalse();
        assertThat(s.sets().keySet()).containsExactly("cpu", "npu", "gpu").inOrder();
        assertThat(CoreList.format(s.sets().get("cpu"))).isEqualTo("0-2,5");
        assertThat(CoreList.format(s.sets().get("npu"))).isEqualTo("3");
        assertThat(CoreList.format(s.sets().get("gpu"))).isEqualTo("7");
    }

    @Test
    void noneTurnsPinningOffAndAutoOrEmptyIsTheDefault() {
        assertThat(CoreSets.parse("NONE", "x").off()).isTrue();
        assertThat(CoreSets.parse("auto", "x").auto()).isTrue();
        assertThat(CoreSets.parse("  ", "x").auto()).isTrue();
    }

    @Test
    void malformedSetsNameTheSourceAndWhatWasExpected() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> CoreSets.parse("0-1", "--cpu-sets"))
                .getMessage()).isEqualTo("--cpu-sets: expected device:cores entries such as cpu:0-2,npu:3, or none, or"
                        + " auto; got '0-1'");
        assertThat(assertThrows(IllegalArgumentException.class, () -> CoreSets.parse("cpu:2-1", "--cpu-sets"))
                .getMessage()).startsWith("--cpu-sets for cpu: expected cores such as 0-2,5");
        assertThat(assertThrows(IllegalArgumentException.class, () -> CoreSets.parse("cpu:x", "--cpu-sets"))
                .getMessage()).contains("got 'x'");
        assertThat(assertThrows(IllegalArgumentException.class, () -> CoreSets.parse("cpu:", "--cpu-sets"))
                .getMessage()).contains("an empty list");
        assertThat(assertThrows(IllegalArgumentException.class, () -> CoreSets.parse("cpu:0,cpu:1", "SHMT_CPU_SETS"))
                .getMessage()).isEqualTo("SHMT_CPU_SETS: device 'cpu' is named twice in 'cpu:0,cpu:1'");
        assertThat(assertThrows(IllegalArgumentException.class, () -> CoreSets.parse(":1", "SHMT_CPU_SETS"))
                .getMessage()).contains("no device name before ':'");
    }

    @Test
    void coreListsRoundTripInLinuxListForm() {
        BitSet s = CoreList.parse("0,1,2,4,6-7", "t");
        assertThat(CoreList.format(s)).isEqualTo("0-2,4,6-7");
        assertThat(CoreList.format(new BitSet())).isEmpty();
    }
}
