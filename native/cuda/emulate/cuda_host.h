// Just enough of CUDA to run the kernels of native/cuda on the host, one CUDA thread per std::thread and
// one block at a time, so their indexing, tiling and barriers can be checked on a machine without a GPU
// (under AddressSanitizer, which catches any read outside the cells the ABI allows). Not a simulator of
// the device's arithmetic: the host's expf/logf/sincos differ from CUDA's in the last ulp.
#pragma once

#include <algorithm>
#include <barrier>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(n)
// One block runs at a time, so a function-local static is exactly the block's shared memory.
#define __shared__ static

struct dim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline thread_local dim3 threadIdx;
inline dim3 blockIdx;
inline dim3 blockDim;
inline std::barrier<>* blockBarrier;

inline void __syncthreads() { blockBarrier->arrive_and_wait(); }

using std::min;
using std::max;

inline unsigned __brev(unsigned v) {
    unsigned r = 0;
    for (int i = 0; i < 32; i++) r |= ((v >> i) & 1u) << (31 - i);
    return r;
}
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

// Runs kernel(args...) over grid x block like a launch: every block in turn, its threads concurrently.
// A thread that returns drops out of the barrier, as an exited CUDA thread no longer counts at bar.sync.
template <typename Kernel, typename... Args>
void launch(dim3 grid, dim3 block, Kernel kernel, Args... args) {
    blockDim = block;
    const unsigned n = block.x * block.y * block.z;
    for (unsigned by = 0; by < grid.y; by++) {
        for (unsigned bx = 0; bx < grid.x; bx++) {
            blockIdx = dim3{bx, by, 0};
            std::barrier<> barrier((std::ptrdiff_t) n);
            blockBarrier = &barrier;
            std::vector<std::thread> threads;
            threads.reserve(n);
            for (unsigned t = 0; t < n; t++) {
                threads.emplace_back([&, t] {
                    threadIdx = dim3{t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
                    kernel(args...);
                    barrier.arrive_and_drop();
                });
            }
            for (auto& th : threads) th.join();
        }
    }
}
