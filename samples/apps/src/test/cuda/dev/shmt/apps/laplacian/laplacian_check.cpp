// laplacian3 bit for bit against the Java body of the Laplacian benchmark (ImageOps), in its operation order.
#include "host_check.h"

#include "dev/shmt/apps/laplacian/laplacian.cu"

namespace {

float javaLaplacian3(const host_check::Input& in, int r, int c) {
    return ((in.get(r - 1, c) + in.get(r + 1, c)) + (in.get(r, c - 1) + in.get(r, c + 1))) - 4.0f * in.get(r, c);
}

}  // namespace

HOST_CHECK(laplacian, "laplacian3") { host_check::checkStencilCases("laplacian3", laplacian3, javaLaplacian3, 1, rng); }
