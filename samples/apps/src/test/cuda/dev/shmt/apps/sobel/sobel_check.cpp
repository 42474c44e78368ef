// sobel3 bit for bit against the Java body of the Sobel VOP, in its operation order.
#include "host_check.h"

#include "dev/shmt/apps/sobel/sobel.cu"

namespace {

float javaSobel3(const host_check::Input& in, int r, int c) {
    float gx = (in.get(r - 1, c + 1) + 2.0f * in.get(r, c + 1) + in.get(r + 1, c + 1))
            - (in.get(r - 1, c - 1) + 2.0f * in.get(r, c - 1) + in.get(r + 1, c - 1));
    float gy = (in.get(r + 1, c - 1) + 2.0f * in.get(r + 1, c) + in.get(r + 1, c + 1))
            - (in.get(r - 1, c - 1) + 2.0f * in.get(r - 1, c) + in.get(r - 1, c + 1));
    return (float) std::sqrt((double) (gx * gx + gy * gy));
}

}  // namespace

HOST_CHECK(sobel, "sobel3") { host_check::checkStencilCases("sobel3", sobel3, javaSobel3, 1, rng); }
