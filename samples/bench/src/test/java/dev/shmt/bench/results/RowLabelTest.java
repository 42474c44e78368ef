package dev.shmt.bench.results;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.shmt.api.PolicyName;
import org.junit.jupiter.api.Test;

class RowLabelTest {
    @Test
    void basePolicyDropsTheCriticalFraction() {
        assertWithMessage("qaws-ts@0.25").that(RowLabel.basePolicy("qaws-ts@0.25")).isEqualTo("qaws-ts");
        assertWithMessage("ws").that(RowLabel.basePolicy("ws")).isEqualTo("ws");
    }

    @Test
    void theBareKernelAndLibrariesNameNoPolicy() {
        assertWithMessage("bare:cpu").that(RowLabel.nameOf(RowLabel.BARE_CPU)).isNull();
        assertWithMessage("lib:opencv").that(RowLabel.nameOf("lib:opencv")).isNull();
        assertWithMessage("qaws-ts@0.1").that(RowLabel.nameOf("qaws-ts@0.1")).isEqualTo(PolicyName.parse("qaws-ts"));
    }
}
