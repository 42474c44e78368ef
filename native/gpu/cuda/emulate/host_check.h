// What a host check of a kernel needs: a check file (<name>_check.cpp next to the module's tests) includes
// this header and its kernel source (by its path under src/main/cuda), and registers its checks with
// HOST_CHECK(id, "kernel ..."), naming the entries it covers. run.sh builds every check file of a module
// with host_check.cpp under AddressSanitizer, runs them (cuda_threads.h: one std::thread per CUDA thread)
// with the launch geometry the gpu device uses, and fails a kernel of the module's sources no check covers.
#pragma once

#include "cuda_threads.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace host_check {

// Records a failed check (printed, and the run exits 1 at the end).
void fail(const std::string& what);

// Registers check `run` under `name`, covering the space-separated kernel entries `kernels`. Returns a
// value only so that HOST_CHECK can call it from a static initializer.
int add(const char* name, const char* kernels, void (*run)(std::mt19937& rng));

inline uint32_t bits(float f) {
    uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    return b;
}

// A tile's input with its halo, allocated to the last cell the ABI lets a kernel read and no further, so
// AddressSanitizer reports any read outside; stride padding is NaN, which would show in any result.
struct Input {
    int rows, cols, halo, stride;
    std::vector<float> cells;
    Input(int rows, int cols, int halo, int pad, std::mt19937& rng, bool specials)
        : rows(rows), cols(cols), halo(halo), stride(cols + 2 * halo + pad) {
        cells.assign((size_t) (rows + 2 * halo - 1) * stride + cols + 2 * halo, std::nanf(""));
        std::uniform_real_distribution<float> value(-300.0f, 300.0f);
        const float special[] = {INFINITY, -INFINITY, -0.0f, 0.0f, 1e-40f, -1e-40f, 3.4e38f, std::nanf("")};
        for (int r = 0; r < rows + 2 * halo; r++) {
            for (int c = 0; c < cols + 2 * halo; c++) {
                float v = value(rng);
                if (specials && rng() % 23 == 0) v = special[rng() % 8];
                cells[(size_t) r * stride + c] = v;
            }
        }
    }
    const float* origin() const { return cells.data() + (size_t) halo * stride + halo; }
    float get(int r, int c) const { return origin()[(ptrdiff_t) r * stride + c]; }
};

// Compares dst (rows x dstStride, stride padding still the sentinel) with want(r, c) bit for bit.
template <typename Want>
void checkCells(const std::string& at, const std::vector<float>& dst, int rows, int cols, int dstStride,
                float sentinel, Want want) {
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < dstStride; c++) {
            const float got = dst[(size_t) r * dstStride + c];
            if (c >= cols) {
                if (bits(got) != bits(sentinel)) return fail(at + ": wrote stride padding at " + std::to_string(r));
                continue;
            }
            const float w = want(r, c);
            if (bits(got) != bits(w) && !(std::isnan(got) && std::isnan(w))) {
                char msg[200];
                std::snprintf(msg, sizeof msg, ": (%d,%d) got %a, Java %a", r, c, got, w);
                return fail(at + msg);
            }
        }
    }
    std::printf("ok   %s\n", at.c_str());
}

// The gpu device's "PER_CELL" block.
inline dim3 perCell(int rows) { return rows > 1 ? dim3{32, 8, 1} : dim3{256, 1, 1}; }

// Tile shapes for the 2-D kernels: single cells and rows, a row past one block, partial blocks, stride padding.
struct Case {
    int rows, cols, pad;
};
inline constexpr Case kTileCases[] = {{1, 1, 0}, {1, 300, 1}, {1, 256, 0}, {2, 1, 0},
                                      {8, 32, 0}, {37, 45, 3}, {9, 33, 0}, {64, 64, 5}};

using Stencil = void (*)(const float*, int, float*, int, int, int);
using Reference = float (*)(const Input&, int, int);

// One PER_CELL launch of a stencil of one input over a tile of rows x cols, against the reference.
inline void checkStencil(const char* name, Stencil kernel, Reference reference, int halo, int rows, int cols,
                         int pad, bool specials, std::mt19937& rng) {
    Input in(rows, cols, halo, pad, rng, specials);
    const int dstStride = cols + pad;
    const float sentinel = -12345.0f;
    std::vector<float> dst((size_t) rows * dstStride, sentinel);
    const dim3 block = perCell(rows);
    const dim3 grid{(cols + block.x - 1) / block.x, (rows + block.y - 1) / block.y, 1};
    launch(grid, block, kernel, in.origin(), in.stride, dst.data(), dstStride, rows, cols);
    const std::string at = std::string(name) + " " + std::to_string(rows) + "x" + std::to_string(cols)
            + " pad " + std::to_string(pad) + (specials ? " with inf/nan/subnormals" : "");
    checkCells(at, dst, rows, cols, dstStride, sentinel, [&](int r, int c) { return reference(in, r, c); });
}

// checkStencil over every case of kTileCases, with and without special values.
inline void checkStencilCases(const char* name, Stencil kernel, Reference reference, int halo, std::mt19937& rng) {
    for (const Case& k : kTileCases) {
        for (bool specials : {false, true}) checkStencil(name, kernel, reference, halo, k.rows, k.cols, k.pad, specials, rng);
    }
}

}  // namespace host_check

// Registers the function that follows as check `id`, covering the kernel entries named in `kernels`.
#define HOST_CHECK(id, kernels)                                                   \
    static void id(std::mt19937& rng);                                           \
    [[maybe_unused]] static const int id##_registered = host_check::add(#id, kernels, id); \
    static void id(std::mt19937& rng)
