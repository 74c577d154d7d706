import { describe, expect, it } from 'vitest';
import { chooseFiles, pondFileList, requireFiles, type FileSources } from '../../../src/cli/project-files.js';
import { UsageError } from '../../../src/errors.js';

const on =
  (...present: string[]): FileSources['exists'] =>
  (f) =>
    present.includes(f);
const src = (over: Partial<FileSources>): FileSources => ({
  file: [],
  env: {},
  cwd: '/work/app',
  exists: on('/work/app/pond.yaml'),
  ...over,
});

describe('chooseFiles', () => {
  it('defaults to pond.yaml (and pond.override.yaml) in the working folder', () => {
    expect(chooseFiles(src({ exists: on('/work/app/pond.yaml', '/work/app/pond.override.yaml') }))).toEqual({
      files: ['/work/app/pond.yaml', '/work/app/pond.override.yaml'],
      dir: '/work/app',
    });
  });

  it('POND_FILE names the files, layered in order, resolved from the working folder', () => {
    expect(chooseFiles(src({ env: { POND_FILE: 'base.yaml:ci/pond.ci.yaml' } }))).toEqual({
      files: ['/work/app/base.yaml', '/work/app/ci/pond.ci.yaml'],
      dir: '/work/app',
    });
  });

  it('-f wins over POND_FILE', () => {
    expect(chooseFiles(src({ file: ['x.yaml'], env: { POND_FILE: 'y.yaml' } })).files).toEqual(['/work/app/x.yaml']);
  });

  it("the project folder is the first named file's folder", () => {
    expect(chooseFiles(src({ file: ['../other/pond.yaml'] })).dir).toBe('/work/other');
  });

  it('--project-directory is where the default file is looked for', () => {
    expect(chooseFiles(src({ projectDirectory: '../b', exists: on('/work/b/pond.yml') }))).toEqual({
      files: ['/work/b/pond.yml'],
      dir: '/work/b',
    });
  });

  it("--project-directory wins over the named file's folder", () => {
    expect(chooseFiles(src({ file: ['/etc/x/pond.yaml'], projectDirectory: '/srv/p' }))).toEqual({
      files: ['/etc/x/pond.yaml'],
      dir: '/srv/p',
    });
  });

  it('-f - is stdin, whose project folder is the working folder', () => {
    expect(chooseFiles(src({ file: ['-'] }))).toEqual({ files: ['<stdin>'], dir: '/work/app' });
  });

  it('no file: an empty list, and requireFiles says where it looked', () => {
    const chosen = chooseFiles(src({ exists: on() }));
    expect(chosen.files).toEqual([]);
    expect(() => requireFiles(chosen)).toThrow(UsageError);
    expect(() => requireFiles(chosen)).toThrow('no pond.yaml in /work/app');
  });
});

describe('pondFileList', () => {
  it('POND_PATH_SEPARATOR replaces the platform separator', () => {
    expect(pondFileList({ POND_FILE: 'a.yaml;b.yaml', POND_PATH_SEPARATOR: ';' })).toEqual(['a.yaml', 'b.yaml']);
  });

  it('empty entries are dropped', () => {
    expect(pondFileList({ POND_FILE: 'a.yaml::b.yaml:' })).toEqual(['a.yaml', 'b.yaml']);
  });
});
