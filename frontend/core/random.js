// A seeded pseudo-random generator for the ports' stochastic runs (the page must give the same
// run for the same seed on every reader's machine): xoshiro128** (Blackman & Vigna 2018), its
// state filled from the seed by splitmix32. Uniform doubles in [0, 1) with 53 random bits.

function splitmix32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

const rotl = (x, k) => (x << k) | (x >>> (32 - k));

export function xoshiro128ss(seed) {
  const init = splitmix32(seed);
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  const nextUint32 = () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const uniform = () => ((nextUint32() >>> 5) * 2 ** 26 + (nextUint32() >>> 6)) / 2 ** 53;
  return {
    nextUint32,
    uniform,
    // Exp(1) by inversion; 1 - u is in (0, 1], so the logarithm is finite
    exponential: () => -Math.log1p(-uniform()),
  };
}
