// shmt_fiber_switch of cuda_fibers.h, defined once for every translation unit that launches through it.
#include "cuda_fibers.h"

#if defined(__x86_64__)
asm(R"(
    .text
    .globl shmt_fiber_switch
    .type shmt_fiber_switch, @function
shmt_fiber_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size shmt_fiber_switch, .-shmt_fiber_switch
)");
#endif
