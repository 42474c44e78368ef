// Finds the host builds of the kernels by their PTX entry names, in the table kernel_table.sh generated from
// the kernel sources the stand-in was built with (standin.sh).
#include "kernels.h"

namespace standin {

const HostKernel* hostKernel(const std::string& name) {
    for (const HostKernel& k : allKernels()) {
        if (name == k.name) return &k;
    }
    return nullptr;
}

std::string hostKernelNames() {
    std::string s;
    for (const HostKernel& k : allKernels()) s += (s.empty() ? "" : ", ") + std::string(k.name);
    return s;
}

size_t paramBytes(Param p) { return p == Param::INT32 || p == Param::FLOAT32 ? 4 : 8; }

const char* paramName(Param p) {
    switch (p) {
        case Param::POINTER: return "pointer";
        case Param::INT32: return "32-bit integer";
        case Param::FLOAT32: return "f32";
        case Param::INT64: return "64-bit integer";
        case Param::FLOAT64: return "f64";
    }
    return "?";
}

}  // namespace standin
