// The gpu device's probe kernel sets its flag when launched, from the first thread of the first block only.
#include "host_check.h"

#include "dev/shmt/gpu/probe.cu"

HOST_CHECK(probe, "shmt_probe") {
    (void) rng;
    unsigned flag[2] = {0u, 7u};
    launch(dim3{2, 1, 1}, dim3{32, 1, 1}, shmt_probe, flag);
    if (flag[0] != 1u || flag[1] != 7u) return host_check::fail("shmt_probe: flag " + std::to_string(flag[0]) + ", next word "
                                                               + std::to_string(flag[1]));
    std::printf("ok   shmt_probe sets its flag and nothing past it\n");
}
