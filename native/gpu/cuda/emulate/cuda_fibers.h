// Launches a kernel compiled with cuda_host.h with each CUDA thread of a block as a fiber on the calling
// thread: __syncthreads() switches to the next fiber, and a barrier is passed once every fiber still running
// has reached it. Creating 256 OS threads per block (cuda_threads.h) costs milliseconds, and ucontext's
// swapcontext a system call per switch; the fibers here are made once per thread and switched by a few
// instructions (x86-64; other machines fall back to ucontext). Blocks run one at a time: callers on
// several threads must serialize launches, since blockIdx and the __shared__ statics are process-wide.
#pragma once

#include "cuda_host.h"

#include <sys/mman.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

#if !defined(__x86_64__)
#include <ucontext.h>
#endif
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define FIBER_ASAN 1
#endif

namespace fibers {

// Kernels keep a few dozen locals; sanitizers need more.
#if defined(FIBER_ASAN)
constexpr size_t kStack = 256 * 1024;
#else
constexpr size_t kStack = 64 * 1024;
#endif

#if defined(__x86_64__)
// Saves the callee-saved registers on the current stack, stores its pointer in *from, and resumes the
// stack at to (System V ABI: rbx, rbp, r12 to r15 are all a switch must keep).
extern "C" void shmt_fiber_switch(void** from, void* to);  // cuda_fibers.cpp
struct Context {
    void* sp = nullptr;
};
inline void swap(Context& from, Context& to) { shmt_fiber_switch(&from.sp, to.sp); }
// A new fiber's stack as shmt_fiber_switch leaves one: six saved registers, then entry as the return
// address, then a null return address for entry itself (rsp + 8 is 16-aligned on entry, as the ABI wants).
inline void prepare(Context& c, void* stack, size_t size, void (*entry)()) {
    auto top = (void**) (((uintptr_t) stack + size) & ~(uintptr_t) 15);
    *--top = nullptr;
    *--top = (void*) entry;
    for (int i = 0; i < 6; i++) *--top = nullptr;
    c.sp = top;
}
#else
struct Context {
    ucontext_t uc;
};
inline void swap(Context& from, Context& to) { swapcontext(&from.uc, &to.uc); }
inline void prepare(Context& c, void* stack, size_t size, void (*entry)()) {
    getcontext(&c.uc);
    c.uc.uc_stack.ss_sp = stack;
    c.uc.uc_stack.ss_size = size;
    c.uc.uc_link = nullptr;
    makecontext(&c.uc, entry, 0);
}
#endif

struct Fiber {
    Context context;
    void* stack = nullptr;
    dim3 index;
    bool done = true;
};

// The fibers of one OS thread, reused from block to block and launch to launch.
struct Block {
    Context scheduler;
    std::vector<Fiber> fibers;
    Fiber* current = nullptr;
    const std::function<void()>* body = nullptr;
#if defined(FIBER_ASAN)
    void* fake = nullptr;
    const void* schedulerStack = nullptr;
    size_t schedulerStackSize = 0;
#endif
};

inline thread_local Block* running = nullptr;

// Fiber side: back to the scheduler until it resumes this fiber.
inline void yield() {
    Block* b = running;
#if defined(FIBER_ASAN)
    void* fake = nullptr;
    __sanitizer_start_switch_fiber(&fake, b->schedulerStack, b->schedulerStackSize);
    swap(b->current->context, b->scheduler);
    __sanitizer_finish_switch_fiber(fake, &b->schedulerStack, &b->schedulerStackSize);
#else
    swap(b->current->context, b->scheduler);
#endif
}

// A fiber's whole life: run the body of each block it is resumed for, then report done and wait.
[[noreturn]] inline void entry() {
#if defined(FIBER_ASAN)
    __sanitizer_finish_switch_fiber(nullptr, &running->schedulerStack, &running->schedulerStackSize);
#endif
    for (;;) {
        (*running->body)();
        running->current->done = true;
        yield();
    }
}

// Runs body once per thread of one block, fiber by fiber, until all have returned.
inline void runBlock(Block& b, dim3 block, const std::function<void()>& body) {
    const unsigned n = block.x * block.y * block.z;
    while (b.fibers.size() < n) {
        Fiber& f = b.fibers.emplace_back();
        f.stack = mmap(nullptr, kStack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (f.stack == MAP_FAILED) throw std::runtime_error("no memory for a fiber stack");
        prepare(f.context, f.stack, kStack, entry);
    }
    b.body = &body;
    running = &b;
    for (unsigned t = 0; t < n; t++) {
        b.fibers[t].index = dim3{t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
        b.fibers[t].done = false;
    }
    unsigned live = n;
    while (live > 0) {
        // One round is one barrier phase: every live fiber runs to its next __syncthreads or returns.
        for (unsigned t = 0; t < n; t++) {
            Fiber& f = b.fibers[t];
            if (f.done) continue;
            b.current = &f;
            threadIdx = f.index;
#if defined(FIBER_ASAN)
            __sanitizer_start_switch_fiber(&b.fake, f.stack, kStack);
            swap(b.scheduler, f.context);
            __sanitizer_finish_switch_fiber(b.fake, nullptr, nullptr);
#else
            swap(b.scheduler, f.context);
#endif
            if (f.done) live--;
        }
    }
    running = nullptr;
}

}  // namespace fibers

inline void __syncthreads() { fibers::yield(); }

// Runs kernel(args...) over grid x block: every block in turn, its threads as fibers of the calling thread.
template <typename Kernel, typename... Args>
void launch(dim3 grid, dim3 block, Kernel kernel, Args... args) {
    static thread_local fibers::Block b;
    blockDim = block;
    gridDim = grid;
    const std::function<void()> body = [&] { kernel(args...); };
    for (unsigned bz = 0; bz < grid.z; bz++) {
        for (unsigned by = 0; by < grid.y; by++) {
            for (unsigned bx = 0; bx < grid.x; bx++) {
                blockIdx = dim3{bx, by, bz};
                fibers::runBlock(b, block, body);
            }
        }
    }
}
