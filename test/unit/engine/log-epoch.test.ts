import { describe, expect, it } from 'vitest';
import { epochText } from '../../../src/engine/docker/logs.js';

describe('logs since/until as the engine reads them', () => {
  it('writes seconds and nine digits of nanoseconds', () => {
    expect(epochText(1767355200)).toBe('1767355200.000000000');
    expect(epochText(1767355200.25)).toBe('1767355200.250000000');
  });
});
