import { describe, expect, it } from 'vitest';
import type { ObservedWorkload } from '../../../src/engine/types.js';
import { lsTable, stateSummary, summarizeProjects } from '../../../src/cli/ls-summary.js';
import { observedWorkload } from '../../support/fixtures.js';

const c = (project: string | undefined, state: ObservedWorkload['state'], dir?: string): ObservedWorkload =>
  observedWorkload({
    id: `${project}-${state}`,
    name: `${project}-x`,
    state,
    image: 'busybox:1.35',
    restartCount: 0,
    ports: [],
    labels: {
      ...(project !== undefined && { 'dev.pond.project': project }),
      ...(dir !== undefined && { 'dev.pond.project-dir': dir }),
    },
  });

describe('stateSummary', () => {
  it('counts per state, running first, then the others by name', () => {
    expect(stateSummary({ exited: 1, running: 3 })).toBe('running(3), exited(1)');
    expect(stateSummary({ restarting: 1, created: 2, exited: 1 })).toBe('created(2), exited(1), restarting(1)');
    expect(stateSummary({ running: 1 })).toBe('running(1)');
  });
});

describe('summarizeProjects', () => {
  it('groups containers by project label, sorted by name, with their folder and counts', () => {
    const projects = summarizeProjects([
      c('web', 'running', '/src/web'),
      c('api', 'exited', '/src/api'),
      c('web', 'exited', '/src/web'),
      c('web', 'running', '/src/web'),
    ]);
    expect(projects).toEqual([
      { name: 'api', dirs: ['/src/api'], status: 'exited(1)', states: { exited: 1 } },
      { name: 'web', dirs: ['/src/web'], status: 'running(2), exited(1)', states: { running: 2, exited: 1 } },
    ]);
  });

  it('names both folders when two checkouts share a project name; none when no container says', () => {
    expect(summarizeProjects([c('p', 'running', '/b'), c('p', 'running', '/a')])[0]!.dirs).toEqual(['/a', '/b']);
    expect(summarizeProjects([c('p', 'running')])[0]!.dirs).toEqual([]);
  });

  it('ignores containers without a project label', () => {
    expect(summarizeProjects([c(undefined, 'running')])).toEqual([]);
  });

  it('the table: NAME, STATUS, FOLDER ("-" when unknown)', () => {
    expect(lsTable(summarizeProjects([c('p', 'running')]))).toEqual([
      ['NAME', 'STATUS', 'FOLDER'],
      ['p', 'running(1)', '-'],
    ]);
  });
});
