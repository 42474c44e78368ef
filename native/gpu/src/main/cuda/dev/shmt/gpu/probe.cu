// The gpu device's own kernel, loaded when the device opens. build.sh builds every module's kernels alike
// (same flags, PTX ISA and architectures), so the image of this module the driver takes (fatbin SASS, PTX
// ISA 8.0 JIT or PTX ISA 6.5 JIT) is the one the apps' kernels will take: the device reports it, and a
// driver or GPU that takes none is named when the device opens rather than at a VOP's first HLOP.
// The device never launches it; launched, it sets flag[0] to 1 (the host check does).
extern "C" __global__ void shmt_probe(unsigned int* flag) {
    if (blockIdx.x == 0 && threadIdx.x == 0) flag[0] = 1u;
}
