import { describe, expect, it } from 'vitest';
import { checkImage, imageRefProblem } from '../../../src/model/image-ref.js';
import { Reporter } from '../../../src/model/report.js';

const HEX = 'a'.repeat(64);

describe('imageRefProblem', () => {
  it.each([
    'busybox',
    'busybox:1.35',
    'postgres:15-alpine',
    'library/busybox',
    'registry:5000/a/b:tag',
    'localhost/app',
    'mcr.microsoft.com/mssql/server:2022-latest',
    '[::1]:5000/app:dev',
    'my_org/my__app-x.y:v1.0_rc-2',
    `name@sha256:${HEX}`,
    `registry:5000/a:tag@sha256:${HEX}`,
    'registry:5000',
  ])('accepts %s', (ref) => {
    expect(imageRefProblem(ref)).toBeUndefined();
  });

  it.each([
    ['Busybox', 'repository names must be lowercase'],
    ['Team/app', 'repository names must be lowercase'],
    ['a:b:c', 'it has more than one ":" (one tag at most; a registry port needs a path after it)'],
    ['foo bar', 'it contains whitespace'],
    [':tag', 'it has no repository name'],
    ['busybox/', 'it ends with "/"'],
    ['a//b', 'it has an empty path component ("/" at the start or "//")'],
    ['busybox:', 'the tag after ":" is empty'],
    ['busybox:-x', 'tag "-x" may hold only letters, digits, "_", "." and "-" (at most 128)'],
    [
      `busybox:${'t'.repeat(129)}`,
      `tag "${'t'.repeat(129)}" may hold only letters, digits, "_", "." and "-" (at most 128)`,
    ],
    ['name@sha256:abc', 'a sha256 digest is 64 lowercase hex digits'],
    [`name@md5:${HEX}`, `the digest after "@" must be "sha256:<hex>" (sha384 and sha512 work too), not "md5:${HEX}"`],
    ['a@b@c', 'it has more than one "@"'],
    ['bad_host.:5000/app', '"bad_host.:5000" is not a registry host with an optional port'],
    ['app-/x', '"app-" may hold only lowercase letters and digits, with ".", "_", "__" or "-" between them'],
    [`${'a'.repeat(256)}`, 'the name is longer than 255 characters'],
  ])('refuses %s', (ref, reason) => {
    expect(imageRefProblem(ref)).toBe(reason);
  });

  it('answers a reference asked again as the first time, and reports a bad one at each workload that names it', () => {
    expect([imageRefProblem('Busybox'), imageRefProblem('Busybox')]).toEqual([
      'repository names must be lowercase',
      'repository names must be lowercase',
    ]);
    expect([imageRefProblem('busybox:1.35'), imageRefProblem('busybox:1.35')]).toEqual([undefined, undefined]);
    const report = new Reporter({ locate: () => undefined });
    for (const name of ['a', 'b', 'c']) checkImage('Bad:1', ['workloads', name, 'image'], report);
    checkImage('busybox:1.35', ['workloads', 'd', 'image'], report);
    expect(report.diagnostics.map((d) => d.message)).toEqual(
      Array(3).fill('image "Bad:1" is not an image reference: repository names must be lowercase'),
    );
  });
});
