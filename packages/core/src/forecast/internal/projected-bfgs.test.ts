import { describe, expect, it } from 'vitest';
import { minimizeProjectedBfgs, type ObjectiveWithGradient } from './projected-bfgs';

const FREE = { lower: [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY], upper: [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY] };

describe('minimizeProjectedBfgs (box-constrained quasi-Newton)', () => {
  it('Rosenbrock from (−1.2, 1) reaches the minimum (1, 1) (Nocedal & Wright 2006, §3.5 test problem)', () => {
    const rosenbrock: ObjectiveWithGradient = ([x, y], g) => {
      g[0] = -2 * (1 - x!) - 400 * x! * (y! - x! * x!);
      g[1] = 200 * (y! - x! * x!);
      return (1 - x!) ** 2 + 100 * (y! - x! * x!) ** 2;
    };
    const result = minimizeProjectedBfgs(rosenbrock, [-1.2, 1], { ...FREE, relativeTolerance: 1e-14 });
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
    expect(result.value).toBeLessThan(1e-8);
  });

  it('a bound-constrained quadratic ends on the KKT point: x at its upper bound, y free at the conditional minimum', () => {
    // f = (x − 2)² + (y − 0.5)² + 0.5xy on [0, 1]²: at x = 1, ∂f/∂y = 0 gives y = 0.25, and
    // ∂f/∂x(1, 0.25) = −1.875 < 0 pushes out of the box, so (1, 0.25) is the constrained minimum.
    const quadratic: ObjectiveWithGradient = ([x, y], g) => {
      g[0] = 2 * (x! - 2) + 0.5 * y!;
      g[1] = 2 * (y! - 0.5) + 0.5 * x!;
      return (x! - 2) ** 2 + (y! - 0.5) ** 2 + 0.5 * x! * y!;
    };
    const result = minimizeProjectedBfgs(quadratic, [0.2, 0.9], { lower: [0, 0], upper: [1, 1] });
    expect(result.x[0]).toBe(1);
    expect(result.x[1]).toBeCloseTo(0.25, 6);
  });

  it('backs off from +Infinity (a broken model) and stays where the objective is finite', () => {
    // Minimum of (x + 1)² is outside the finite region x > 0.5: the search ends near its edge.
    const edged: ObjectiveWithGradient = ([x], g) => {
      g[0] = 2 * (x! + 1);
      return x! > 0.5 ? (x! + 1) ** 2 : Number.POSITIVE_INFINITY;
    };
    const result = minimizeProjectedBfgs(edged, [3], { lower: [Number.NEGATIVE_INFINITY], upper: [Number.POSITIVE_INFINITY] });
    expect(Number.isFinite(result.value)).toBe(true);
    expect(result.x[0]).toBeGreaterThan(0.5);
    expect(result.x[0]).toBeLessThan(0.6);
  });
});
