import { describe, expect, it } from 'vitest';
import { Schema } from 'yaml';
import { interpolateTree, retype } from '../../../src/config/interpolate.js';
import { parseYaml } from '../../../src/config/parse.js';
import { toData, type MapNode, type TreeNode } from '../../../src/config/tree.js';
import { expand } from '../../../src/config/template.js';
import { errorsOf, load, project } from './helpers.js';

const vars: Record<string, string> = { NAME: 'pond', EMPTY: '', PORT: '8080' };
const lookup = (name: string): string | undefined => vars[name];
const value = (text: string): string => expand(text, lookup).value;

describe('expand', () => {
  it('substitutes braced and bare variables', () => {
    expect(value('${NAME}-$NAME:$PORT')).toBe('pond-pond:8080');
  });

  it('applies :- to unset or empty, - to unset only', () => {
    expect(value('${MISSING:-d}|${EMPTY:-d}|${MISSING-d}|${EMPTY-d}')).toBe('d|d|d|');
  });

  it('applies :+ and + alternatives', () => {
    expect(value('${NAME:+on}|${EMPTY:+on}|${EMPTY+on}|${MISSING+on}')).toBe('on||on|');
  });

  it('expands nested defaults lazily', () => {
    const result = expand('${MISSING:-${NAME}-${PORT}}|${NAME:-${ALSO_MISSING}}', lookup);
    expect(result).toMatchObject({ value: 'pond-8080|pond', problems: [] });
  });

  it('turns $$ into a literal $ and keeps a lone $', () => {
    expect(value('$${NAME} costs $$5, 5$ or $ 1')).toBe('${NAME} costs $5, 5$ or $ 1');
  });

  it('leaves workload references verbatim', () => {
    const result = expand('${workloads.db.url}?app=${NAME}', lookup);
    expect(result).toMatchObject({ value: '${workloads.db.url}?app=pond', names: ['NAME'] });
  });

  it('reports :? and ? with the message', () => {
    expect(expand('${MISSING:?set it in CI}', lookup).problems).toEqual([
      {
        code: 'unset-variable',
        message: 'variable "MISSING" is not set: set it in CI',
        hint: 'export MISSING=... or add MISSING=... to the .env file beside your pond file',
      },
    ]);
    expect(expand('${EMPTY:?}', lookup).problems[0]?.message).toBe('variable "EMPTY" is empty');
    expect(expand('${EMPTY?}', lookup).problems).toEqual([]);
  });

  it('reports malformed expressions', () => {
    expect(expand('${}', lookup).problems.map((p) => [p.code, p.message])).toEqual([
      ['invalid-interpolation', 'empty variable name in "${}"'],
    ]);
    expect(expand('${A B}', lookup).problems.map((p) => p.message)).toEqual(['invalid expression "${A B}"']);
    expect(expand('x ${NAME', lookup).problems.map((p) => p.message)).toEqual(['unterminated "${" in "${NAME"']);
  });
});

describe('retype', () => {
  it('types plain results as YAML 1.2 core would', () => {
    expect([
      retype('3'),
      retype('1.5'),
      retype('true'),
      retype('null'),
      retype('no'),
      retype('0x1F'),
      retype(''),
    ]).toEqual([3, 1.5, true, null, 'no', 31, '']);
  });

  it('leaves as strings exactly the texts that no core-schema type matches, whatever they start with', () => {
    const tags = new Schema({ schema: 'core' }).tags.filter((t) => 'test' in t && t.test) as { test: RegExp }[];
    const starts = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
    for (const text of starts.flatMap((c) => [c, `${c}1`, `${c}rue`, `${c}ull`, `${c}inf`, `${c}x1F`, `${c}o17`])) {
      const typed = text !== '' && tags.some((t) => t.test.test(text));
      if (!typed) expect(retype(text)).toBe(text);
      else expect(retype(text)).not.toBe(text);
    }
  });
});

describe('interpolation in a config', () => {
  const file = [
    'version: 1',
    'workloads:',
    '  web:',
    '    image: ${IMAGE:-nginx}:${TAG-1.27}',
    '    env:',
    '      PORT: "${PORT:-8080}"',
    '      DB: ${workloads.db.url}',
    '      COST: $$5',
    '    health:',
    '      tcp: ${PORT:-80}',
    '      retries: ${R:-3}',
    '',
  ].join('\n');

  it('substitutes values and retypes plain scalars only', async () => {
    const config = await load(await project({ 'pond.yaml': file }), undefined, { TAG: '1.25' });
    expect((config.data.workloads as Record<string, unknown>).web).toEqual({
      image: 'nginx:1.25',
      env: { PORT: '8080', DB: '${workloads.db.url}', COST: '$5' },
      health: { tcp: 80, retries: 3 },
    });
    expect(config.variables).toEqual(['IMAGE', 'PORT', 'R', 'TAG']);
  });

  it('reports an unset variable at its scalar', async () => {
    expect(
      await errorsOf('version: 1\nworkloads:\n  web:\n    image: nginx\n    env:\n      PASSWORD: ${DB_PASSWORD}\n'),
    ).toEqual([
      'pond.yaml:6:17 error[unset-variable]: variable "DB_PASSWORD" is not set\n  hint: export DB_PASSWORD=... or add DB_PASSWORD=... to the .env file beside your pond file, or give a default: ${DB_PASSWORD:-value}',
    ]);
  });

  it('reports ${V:?msg} with the message, and no schema noise for the emptied value', async () => {
    expect(await errorsOf('version: 1\nworkloads:\n  web:\n    image: ${IMAGE:?pick an image to run}\n')).toEqual([
      'pond.yaml:4:12 error[unset-variable]: variable "IMAGE" is not set: pick an image to run\n  hint: export IMAGE=... or add IMAGE=... to the .env file beside your pond file',
    ]);
  });

  it('reports a malformed expression', async () => {
    expect(await errorsOf('version: 1\nworkloads:\n  web:\n    image: "nginx:${}"\n')).toEqual([
      'pond.yaml:4:12 error[invalid-interpolation]: empty variable name in "${}"\n  hint: write ${NAME}, ${NAME:-default} or ${NAME:?message}; write $$ for a literal $',
    ]);
  });

  it('never interpolates keys', async () => {
    const config = await load(
      await project({ 'pond.yaml': 'version: 1\nworkloads:\n  web:\n    image: nginx\n    env:\n      $HOME: "x"\n' }),
    );
    expect((config.data.workloads as Record<string, { env: unknown }>).web!.env).toEqual({ $HOME: 'x' });
  });

  it('fills names missing from the environment from .env beside the first file', async () => {
    const dir = await project({
      'pond.yaml': 'version: 1\nworkloads:\n  web:\n    image: ${IMAGE}\n    env: {MODE: "${MODE}"}\n',
      '.env': '# defaults\nexport IMAGE=httpd:2\nMODE="from dotenv" # comment\n',
    });
    const config = await load(dir, undefined, { MODE: 'from env' });
    expect((config.data.workloads as Record<string, unknown>).web).toEqual({
      image: 'httpd:2',
      env: { MODE: 'from env' },
    });
  });

  it('treats an empty environment value as set', async () => {
    const dir = await project({
      'pond.yaml': 'version: 1\nworkloads:\n  web:\n    image: nginx\n    env: {MODE: "${MODE-unset}"}\n',
      '.env': 'MODE=dotenv\n',
    });
    const config = await load(dir, undefined, { MODE: '' });
    expect((config.data.workloads as Record<string, { env: unknown }>).web!.env).toEqual({ MODE: '' });
  });
});

describe('interpolateTree', () => {
  const YAML = [
    'workloads:',
    '  web:',
    '    image: busybox:${TAG}',
    '    command: [sh, -c, "echo $$HOME ${NAME}"]',
    '    env: { A: "1", B: two }',
    '  db:',
    '    image: postgres:15',
    '    ports: ["5432"]',
    '',
  ].join('\n');
  const parsed = (): MapNode => parseYaml('/p/pond.yaml', YAML).tree!;
  const at = (tree: TreeNode, ...path: (string | number)[]): TreeNode =>
    path.reduce<TreeNode>(
      (n, k) => (n.kind === 'map' ? n.entries.get(k as string)!.node : n.kind === 'seq' ? n.items[k as number]! : n),
      tree,
    );

  it('returns a tree without templates as it is, and shares every untouched part of one with them', () => {
    const plain = parseYaml('/p/pond.yaml', 'workloads:\n  db:\n    image: postgres:15\n').tree!;
    expect(interpolateTree(plain, lookup).tree).toBe(plain);

    const tree = parsed();
    const before = JSON.stringify(toData(tree));
    const { tree: out } = interpolateTree(tree, (n) => ({ TAG: '1.35', NAME: 'pond' })[n]);
    expect(at(out, 'workloads', 'db')).toBe(at(tree, 'workloads', 'db'));
    expect(at(out, 'workloads', 'web', 'env')).toBe(at(tree, 'workloads', 'web', 'env'));
    expect(at(out, 'workloads', 'web', 'command', 0)).toBe(at(tree, 'workloads', 'web', 'command', 0));
    expect(at(out, 'workloads', 'web')).not.toBe(at(tree, 'workloads', 'web'));
    expect(toData(out)).toEqual({
      workloads: {
        web: { image: 'busybox:1.35', command: ['sh', '-c', 'echo $HOME pond'], env: { A: '1', B: 'two' } },
        db: { image: 'postgres:15', ports: ['5432'] },
      },
    });
    expect([...(at(out, 'workloads', 'web') as MapNode).entries.keys()]).toEqual(['image', 'command', 'env']);
    expect(JSON.stringify(toData(tree))).toBe(before);
  });
});
