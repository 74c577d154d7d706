import { describe, expect, it } from 'vitest';
import { guessProject } from '../../../src/cli/project-guess.js';

describe('guessProject', () => {
  it('is -p when given, whatever the files say', () => {
    expect(guessProject(['name: shop\n'], '/work/app', 'other')).toBe('other');
  });

  it("is the last file's plain top-level name:, quoted or not, with a comment or not", () => {
    expect(guessProject(['version: 1\nname: shop\n'], '/work/app')).toBe('shop');
    expect(guessProject(['name: "shop"  # the shop\n'], '/work/app')).toBe('shop');
    expect(guessProject(["name: 'base'\n", 'name: ci-run\n'], '/work/app')).toBe('ci-run');
    expect(guessProject(['name: shop\r\nworkloads: {}\r\n'], '/work/app')).toBe('shop');
  });

  it('finds the name: line wherever it sits in a long file, and only at the start of a line', () => {
    const workloads = Array.from({ length: 2500 }, (_, i) => `  w${i}:\n    image: busybox:1.35\n`).join('');
    expect(guessProject([`version: 1\nworkloads:\n${workloads}name: shop\n`], '/work/app')).toBe('shop');
    expect(guessProject([`x: 1 name: shop\n  name: shop\n`], '/work/app')).toBe('app');
  });

  it("is the folder's name, as loading makes it, when no file names the project", () => {
    expect(guessProject(['workloads:\n  web:\n    name: not-top-level\n'], '/work/My App')).toBe('myapp');
  });

  it('is undefined when only loading can tell: an interpolated or odd name, or an engine: line', () => {
    expect(guessProject(['name: ${PROJECT}\n'], '/work/app')).toBeUndefined();
    expect(guessProject(['name: Shop\n'], '/work/app')).toBeUndefined();
    expect(guessProject(['name: a b\n'], '/work/app')).toBeUndefined();
    expect(guessProject(['engine: swarm\nname: shop\n'], '/work/app')).toBeUndefined();
  });
});
