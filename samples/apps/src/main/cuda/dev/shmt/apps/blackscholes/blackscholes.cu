// European call and put prices (Black-Scholes), the formulas of NVIDIA's CUDA SDK sample with the
// Abramowitz-Stegun polynomial for the cumulative normal distribution.
//
// Unlike the SDK sample this uses the accurate expf, logf, sqrtf and '/' (no __expf, __logf,
// __fdividef): the GPU is the precise device of the runtime, so its prices should stay within a few
// fp32 ulps of a CPU evaluating the same formulas (build.sh: -fmad=false, -prec-div=true, -ftz=false).
// The CND polynomial itself is an approximation (absolute error < 7.5e-8), identical on every device.
//
// ABI: one HLOP is a chunk of `cols` options (rows is 1): element i = blockIdx.x * blockDim.x + threadIdx.x.

#define MAX_THREADS 256

__device__ __forceinline__ float cnd(float d) {
    const float A1 = 0.31938153f;
    const float A2 = -0.356563782f;
    const float A3 = 1.781477937f;
    const float A4 = -1.821255978f;
    const float A5 = 1.330274429f;
    const float RSQRT2PI = 0.39894228040143267793994605993438f;
    const float K = 1.0f / (1.0f + 0.2316419f * fabsf(d));
    float c = RSQRT2PI * expf(-0.5f * d * d) * (K * (A1 + K * (A2 + K * (A3 + K * (A4 + K * A5)))));
    if (d > 0) c = 1.0f - c;
    return c;
}

extern "C" __global__ void __launch_bounds__(MAX_THREADS)
blackscholes(const float* __restrict__ s, const float* __restrict__ x, const float* __restrict__ t,
             float r, float v, float* __restrict__ call, float* __restrict__ put, int rows, int cols) {
    (void) rows;  // part of the common ABI; a chunk is a single row
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= cols) return;
    const float S = s[i];
    const float X = x[i];
    const float T = t[i];
    const float sqrtT = sqrtf(T);
    const float d1 = (logf(S / X) + (r + 0.5f * v * v) * T) / (v * sqrtT);
    const float d2 = d1 - v * sqrtT;
    const float cndD1 = cnd(d1);
    const float cndD2 = cnd(d2);
    const float expRT = expf(-r * T);
    call[i] = S * cndD1 - X * expRT * cndD2;
    put[i] = X * expRT * (1.0f - cndD2) - S * (1.0f - cndD1);
}
