import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderPondYaml } from '../../../src/import/document.js';
import { importYaml } from './helpers.js';

describe('renderPondYaml', () => {
  const text = renderPondYaml(
    importYaml('version: "3.8"\nservices:\n  web:\n    image: a:1\n    container_name: w\n    ports: ["80:80"]\n'),
    ['compose.yaml'],
  );

  it('puts a note on a written key right above that key', () => {
    expect(text).toContain(
      '    # pond import: published on 127.0.0.1 only (Compose: every interface); a port in the long form with public: true opens it to the network\n    ports:',
    );
  });

  it('puts a note on a key not carried over above the workload', () => {
    expect(text).toMatch(/ {2}# pond import: could not carry over container_name: [^\n]*\n {2}web:/);
  });

  it('puts project notes in the file head', () => {
    expect(text.startsWith('# Imported from compose.yaml by pond import.')).toBe(true);
    expect(text).toContain('# pond import: could not carry over version: 3.8');
  });

  it('reads back as the converted data', () => {
    expect(parse(text)).toEqual({ version: 1, workloads: { web: { image: 'a:1', ports: ['80:80'] } } });
  });
});
