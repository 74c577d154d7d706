import { describe, expect, it } from 'vitest';
import { candidatePorts, derivedPort, fnv1a } from '../../../src/ui/server/port.js';

describe('ui port derivation', () => {
  it('fnv1a is the standard 32-bit FNV-1a', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('a project always gets the same port, within 7300–7799', () => {
    expect(derivedPort('analytics')).toBe(derivedPort('analytics'));
    expect(derivedPort('analytics')).toBe(7300 + (fnv1a('analytics') % 500));
    for (const name of ['a', 'shop', 'hu-1234abcd', 'x'.repeat(63)]) {
      expect(derivedPort(name)).toBeGreaterThanOrEqual(7300);
      expect(derivedPort(name)).toBeLessThan(7800);
    }
  });

  it('two projects usually get different ports', () => {
    expect(new Set(['shop', 'analytics', 'quickstart', 'blog'].map(derivedPort)).size).toBe(4);
  });

  it('a taken port moves on to the next ones, never past 65535', () => {
    expect(candidatePorts(7300, 3)).toEqual([7300, 7301, 7302]);
    expect(candidatePorts(65534, 5)).toEqual([65534, 65535]);
  });
});
