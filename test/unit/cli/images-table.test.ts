import { describe, expect, it } from 'vitest';
import { imageRow, imagesTable, shortImageId, splitReference } from '../../../src/cli/images-table.js';

const ID = 'sha256:1908d038705b29a07798955eb1823273c99f4cf2e0f1174277c7a8dff7909497';

describe('splitReference', () => {
  it('the tag follows the last colon of the last path segment; a registry port is not a tag', () => {
    expect(splitReference('busybox:1.35')).toEqual({ repository: 'busybox', tag: '1.35' });
    expect(splitReference('127.0.0.1:5000/team/busybox:1.35')).toEqual({
      repository: '127.0.0.1:5000/team/busybox',
      tag: '1.35',
    });
    expect(splitReference('127.0.0.1:5000/team/busybox')).toEqual({
      repository: '127.0.0.1:5000/team/busybox',
      tag: 'latest',
    });
    expect(splitReference('postgres')).toEqual({ repository: 'postgres', tag: 'latest' });
  });

  it('a digest reference has no tag', () => {
    expect(splitReference('busybox@sha256:abc')).toEqual({ repository: 'busybox', tag: '<none>' });
  });
});

describe('imageRow', () => {
  it('takes repository and tag from the configured reference, id and size from the image', () => {
    expect(
      imageRow('web', 'p-web', 'busybox:1.35', ID, { id: ID, repoTags: ['busybox:1.35'], sizeBytes: 1_982_000 }),
    ).toEqual({
      workload: 'web',
      container: 'p-web',
      repository: 'busybox',
      tag: '1.35',
      id: ID,
      size_bytes: 1_982_000,
    });
  });

  it("a container listed by image id (its tag moved on) is named by the image's own tags, else <none>", () => {
    expect(imageRow('web', 'p-web', ID, ID, { id: ID, repoTags: ['busybox:old'], sizeBytes: 1 })).toMatchObject({
      repository: 'busybox',
      tag: 'old',
    });
    expect(imageRow('web', 'p-web', ID, ID, { id: ID, repoTags: [], sizeBytes: 1 })).toMatchObject({
      repository: '<none>',
      tag: '<none>',
    });
  });

  it('an image the engine no longer has keeps the id the container names, and no size', () => {
    expect(imageRow('web', 'p-web', 'busybox:1.35', ID, undefined)).toMatchObject({ id: ID, size_bytes: null });
  });
});

describe('imagesTable', () => {
  it('shows the short id (12 hex digits) and the size in binary units', () => {
    expect(shortImageId(ID)).toBe('1908d038705b');
    const row = imageRow('web', 'p-web', 'busybox:1.35', ID, { id: ID, repoTags: [], sizeBytes: 1_982_000 });
    expect(imagesTable([row])).toEqual([
      ['WORKLOAD', 'REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE'],
      ['web', 'busybox', '1.35', '1908d038705b', '1.89MiB'],
    ]);
    expect(imagesTable([{ ...row, size_bytes: null }])[1]![4]).toBe('-');
  });
});
