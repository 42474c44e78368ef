// Every other driver function JCuda's binding links against fails with CUDA_ERROR_NOT_SUPPORTED and says
// which it was, instead of the process dying on an unresolved symbol: the gpu device calls none of them,
// and a change that starts to shows up as an error naming the call.
#include "standin.h"

#define UNSUPPORTED(name) \
    extern "C" CUresult name() { return standin::fail(CUDA_ERROR_NOT_SUPPORTED, #name, "not implemented by the stand-in"); }
#include "unsupported.inc"
