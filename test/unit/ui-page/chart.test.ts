import { describe, expect, it } from 'vitest';
import { KEEP, points } from '../../../src/ui/page/chart.js';

const xs = (pts: string): number[] => pts.split(' ').map((p) => Number(p.split(',')[0]));

describe('ui page stats chart', () => {
  it('two samples already span the whole width, the first at the left edge', () => {
    expect(xs(points([10, 20], 240, 48, 100))).toEqual([0, 240]);
  });

  it('a single sample is drawn as a flat line across', () => {
    expect(points([50], 240, 48, 100)).toBe('0.0,24.0 240.0,24.0');
  });

  it('a full history keeps its samples evenly spaced from edge to edge', () => {
    const x = xs(
      points(
        Array.from({ length: KEEP }, () => 1),
        240,
        48,
        100,
      ),
    );
    expect(x[0]).toBe(0);
    expect(x.at(-1)).toBe(240);
    expect(x).toHaveLength(KEEP);
  });

  it('values above the maximum stay inside the chart', () => {
    expect(points([500], 240, 48, 100)).toBe('0.0,0.0 240.0,0.0');
  });
});
