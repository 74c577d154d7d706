import { describe, expect, it } from 'vitest';
import { decideOutput, type OutputFacts } from '../../../src/cli/output-mode.js';

const term = { isTTY: true, columns: 120 };
const pipe = { isTTY: false };
const facts = (over: Partial<OutputFacts>): OutputFacts => ({ env: {}, stdout: term, stderr: term, ...over });

describe('decideOutput', () => {
  it('colours both streams and draws live on a sized terminal', () => {
    expect(decideOutput(facts({}))).toEqual({ outColor: true, errColor: true, interactive: true, progress: 'tty' });
  });

  it('decides colour per stream: stdout redirected to a file gets none while stderr on the terminal keeps it', () => {
    const mode = decideOutput(facts({ stdout: pipe }));
    expect([mode.outColor, mode.errColor]).toEqual([false, true]);
  });

  it('NO_COLOR turns off colour and live redraw on a terminal', () => {
    expect(decideOutput(facts({ env: { NO_COLOR: '1' } }))).toMatchObject({
      outColor: false,
      errColor: false,
      progress: 'plain',
    });
  });

  it('an empty NO_COLOR counts as unset (no-color.org)', () => {
    expect(decideOutput(facts({ env: { NO_COLOR: '' } })).progress).toBe('tty');
  });

  it('--no-color acts as NO_COLOR', () => {
    expect(decideOutput(facts({ noColor: true }))).toMatchObject({
      outColor: false,
      errColor: false,
      progress: 'plain',
    });
  });

  it('FORCE_COLOR colours pipes but does not make them live', () => {
    expect(decideOutput(facts({ env: { FORCE_COLOR: '1' }, stdout: pipe, stderr: pipe }))).toMatchObject({
      outColor: true,
      errColor: true,
      progress: 'plain',
    });
  });

  it('an empty FORCE_COLOR forces colour, as node reads it', () => {
    expect(decideOutput(facts({ env: { FORCE_COLOR: '' }, stdout: pipe })).outColor).toBe(true);
  });

  it.each(['0', 'false'])('FORCE_COLOR=%s forces nothing', (v) => {
    expect(decideOutput(facts({ env: { FORCE_COLOR: v }, stdout: pipe, stderr: pipe }))).toMatchObject({
      outColor: false,
      errColor: false,
    });
  });

  it('NO_COLOR wins over FORCE_COLOR', () => {
    expect(decideOutput(facts({ env: { FORCE_COLOR: '1', NO_COLOR: '1' } }))).toMatchObject({
      outColor: false,
      errColor: false,
    });
  });

  it('a terminal that reports zero columns gets plain lines', () => {
    expect(decideOutput(facts({ stderr: { isTTY: true, columns: 0 } })).progress).toBe('plain');
  });

  it('CI gets plain lines and no prompts, even on a terminal', () => {
    expect(decideOutput(facts({ env: { CI: 'true' } }))).toMatchObject({
      errColor: false,
      interactive: false,
      progress: 'plain',
    });
  });

  it('TERM=dumb gets no colour', () => {
    expect(decideOutput(facts({ env: { TERM: 'dumb' } }))).toMatchObject({
      outColor: false,
      errColor: false,
      progress: 'plain',
    });
  });

  it('pipes get plain lines', () => {
    expect(decideOutput(facts({ stdout: pipe, stderr: pipe }))).toEqual({
      outColor: false,
      errColor: false,
      interactive: false,
      progress: 'plain',
    });
  });

  it.each(['tty', 'plain', 'json', 'quiet'] as const)('--progress %s is taken as asked, whatever the terminal', (p) => {
    expect(decideOutput(facts({ progress: p, stderr: pipe })).progress).toBe(p);
  });
});
