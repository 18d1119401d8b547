import { describe, expect, it } from 'vitest';
import { affineFlow, composeFlows, expFlow, flowLogPdf, sinhFlow } from '../../../../src/lib/math/flow.ts';
import { normalLogPdf } from '../../../../src/lib/math/gaussian.ts';
import { logIntegrateExp } from '../../../../src/lib/math/quadrature.ts';
import { expectRelClose } from '../../approx.ts';

describe('flowLogPdf (change of variables)', () => {
  it('an affine flow x = μ + σz of a standard normal is N(μ, σ²)', () => {
    const flow = affineFlow(1.5, 0.4);
    for (const x of [-1, 0.3, 1.5, 2.9]) expectRelClose(flowLogPdf(x, flow), normalLogPdf(x, { mu: 1.5, sigma: 0.4 }), 1e-14);
    // A negative scale is a reflection: the same density.
    expectRelClose(flowLogPdf(0.7, affineFlow(1.5, -0.4)), normalLogPdf(0.7, { mu: 1.5, sigma: 0.4 }), 1e-14);
  });

  it('x = exp(z) gives the log-normal density −log x − ½ log 2π − ½ (log x)²', () => {
    for (const x of [0.2, 1, 3.5]) {
      const expected = -Math.log(x) - 0.5 * Math.log(2 * Math.PI) - 0.5 * Math.log(x) ** 2;
      expectRelClose(flowLogPdf(x, expFlow), expected, 1e-14);
    }
  });

  it('the transformed densities integrate to 1, and dropping the Jacobian term breaks that', () => {
    const flows = [affineFlow(-2, 3), sinhFlow, composeFlows(sinhFlow, affineFlow(1, 0.5))];
    for (const flow of flows) expect(Math.abs(logIntegrateExp((x) => flowLogPdf(x, flow), -200, 200))).toBeLessThan(1e-6);
    const withoutJacobian = logIntegrateExp((x) => normalLogPdf(sinhFlow.inverse(x), { mu: 0, sigma: 1 }), -200, 200);
    expect(withoutJacobian).toBeGreaterThan(0.1);
  });

  it('composeFlows adds the log-derivatives: sinh then affine equals the two formulas applied by hand', () => {
    const flow = composeFlows(sinhFlow, affineFlow(1, 0.5));
    for (const z of [-1.2, 0, 0.8]) expectRelClose(flow.inverse(flow.forward(z)), z, 1e-12, 1e-15);
    const x = 1.8;
    const u = (x - 1) / 0.5; // affine⁻¹
    const expected = normalLogPdf(Math.asinh(u), { mu: 0, sigma: 1 }) - 0.5 * Math.log1p(u * u) - Math.log(0.5);
    expectRelClose(flowLogPdf(x, flow), expected, 1e-14);
  });
});
