// Just enough of CUDA's language to compile the kernels of every module (src/main/cuda) for the host:
// qualifiers, dim3, the thread indices and the intrinsics they use. A launcher supplies launch() and
// __syncthreads(): cuda_threads.h (one std::thread per CUDA thread, for the host checks under
// AddressSanitizer) or cuda_fibers.h (one fiber per CUDA thread, for the host CUDA driver stand-in). Not a
// simulator of the device's arithmetic: the host's expf/logf/sincos differ from CUDA's in the last ulp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(n)
// Launchers run one block at a time, so a function-local static is exactly the block's shared memory.
#define __shared__ static
// Constant memory is ordinary memory on the host.
#define __constant__

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline thread_local dim3 threadIdx;
inline dim3 blockIdx;
inline dim3 blockDim;
inline dim3 gridDim;

void __syncthreads();

using std::min;
using std::max;

inline unsigned __brev(unsigned v) {
    unsigned r = 0;
    for (int i = 0; i < 32; i++) r |= ((v >> i) & 1u) << (31 - i);
    return r;
}
// Relaxed like CUDA's: host threads (cuda_threads.h) really run concurrently, fibers never do.
inline unsigned atomicAdd(unsigned* address, unsigned v) { return __atomic_fetch_add(address, v, __ATOMIC_RELAXED); }
inline int __ffs(int v) { return __builtin_ffs(v); }
inline float __int_as_float(int bits) {
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}
// sin(pi x), cos(pi x) rounded from double: within CUDA's 1 ulp of sincospif.
inline void sincospif(float x, float* s, float* c) {
    const double a = 3.14159265358979323846 * (double) x;
    *s = (float) std::sin(a);
    *c = (float) std::cos(a);
}
