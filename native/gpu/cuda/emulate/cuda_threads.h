// Launches a kernel compiled with cuda_host.h as one std::thread per CUDA thread, one block at a time, so
// AddressSanitizer and a real barrier see each thread's accesses as a GPU would run them concurrently.
#pragma once

#include "cuda_host.h"

#include <barrier>
#include <thread>
#include <vector>

inline std::barrier<>* blockBarrier;

inline void __syncthreads() { blockBarrier->arrive_and_wait(); }

// Runs kernel(args...) over grid x block like a launch: every block in turn, its threads concurrently.
// A thread that returns drops out of the barrier, as an exited CUDA thread no longer counts at bar.sync.
template <typename Kernel, typename... Args>
void launch(dim3 grid, dim3 block, Kernel kernel, Args... args) {
    blockDim = block;
    gridDim = grid;
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
