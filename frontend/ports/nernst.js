// Port of nakmodel.widgets.live.nernst.NernstLive.compute (nakmodel.electrochem.nernst):
// E = RT/(zF) ln([X]o/[X]i). Every constant comes from params (exported by Python).

export function nernstPotential(params, z, cOut, cIn, temperatureC) {
  const rtOverF = (params.gas_constant * (temperatureC + params.zero_celsius_K)) / params.faraday * 1e3; // mV
  return (rtOverF / z) * Math.log(cOut / cIn);
}

export function compute(params, values) {
  const E = {};
  for (const ion of params.ions) {
    const key = ion.toLowerCase();
    const cOut = values[`${key}_out`];
    const cIn = values[`${key}_in`];
    if (!(cOut > 0 && cIn > 0)) throw new Error(`[${ion}] must be above 0 mM on both sides`);
    E[ion] = nernstPotential(params, params.valence[ion], cOut, cIn, values.temperature_C);
  }
  return { E };
}
