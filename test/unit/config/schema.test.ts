import { describe, expect, it } from 'vitest';
import { errorsOf, load, project } from './helpers.js';

const head = 'version: 1\nworkloads:\n  web:\n';

describe('schema diagnostics', () => {
  it('suggests the nearest key for a typo', async () => {
    expect(await errorsOf(`${head}    imgae: nginx\n`)).toEqual([
      'pond.yaml:4:5 error[unknown-key]: unknown key "imgae" in workload "web"\n  hint: did you mean "image"?',
    ]);
  });

  it('names the nested object of an unknown key', async () => {
    expect(await errorsOf(`${head}    image: nginx\n    health:\n      log: ready\n      intervl: 2s\n`)).toEqual([
      'pond.yaml:7:7 error[unknown-key]: unknown key "intervl" in health of workload "web"\n  hint: did you mean "interval"?',
    ]);
  });

  it('points a key of another kind at that kind', async () => {
    expect(await errorsOf(`${head}    image: nginx\n    engine: postgres\n`)).toEqual([
      'pond.yaml:5:5 error[unknown-key]: unknown key "engine" in workload "web"\n  hint: "engine" belongs to workloads of kind database: add "kind: database"',
    ]);
  });

  it('lists the allowed keys of a small object when nothing is close', async () => {
    expect(await errorsOf('version: 1\nworkloads: {}\nthings: {}\n')).toEqual([
      'pond.yaml:3:1 error[unknown-key]: unknown key "things" at the top level\n  hint: allowed keys: version, name, engine, registry, workloads, volumes',
    ]);
  });

  it('reports a missing image at the workload', async () => {
    expect(await errorsOf(`${head}    command: [echo, hi]\n`)).toEqual([
      'pond.yaml:3:3 error[required]: missing required key "image" in workload "web"',
    ]);
  });

  it('reports missing top-level keys at the top', async () => {
    expect(await errorsOf('name: demo\n')).toEqual([
      'pond.yaml:1:1 error[required]: missing required key "version" at the top level',
      'pond.yaml:1:1 error[required]: missing required key "workloads" at the top level',
    ]);
  });

  it('says which type is wanted', async () => {
    expect(await errorsOf(`${head}    image: nginx\n    health:\n      tcp: 5432\n      retries: many\n`)).toEqual([
      'pond.yaml:7:16 error[type]: health.retries in workload "web" must be an integer, not "many"',
    ]);
  });

  it('refuses a number as an env value with a hint to quote it', async () => {
    expect(await errorsOf(`${head}    image: nginx\n    env:\n      PORT: 8080\n      DEBUG: true\n`)).toEqual([
      'pond.yaml:6:13 error[type]: env.PORT in workload "web" must be a string, not the number 8080\n  hint: quote it: "8080"',
      'pond.yaml:7:14 error[type]: env.DEBUG in workload "web" must be a string, not true\n  hint: quote it: "true"',
    ]);
  });

  it('describes a union once instead of one error per branch', async () => {
    expect(await errorsOf(`${head}    image: nginx\n    command: {run: x}\n    env: 3\n`)).toEqual([
      'pond.yaml:5:5 error[type]: command in workload "web" must be a string or a list of strings, not a mapping',
      'pond.yaml:6:10 error[type]: env in workload "web" must be a mapping or a list of "NAME=value" strings, not the number 3',
    ]);
  });

  it('keeps the errors of the branch whose type matched', async () => {
    expect(
      await errorsOf(
        `${head}    image: nginx\n    ports:\n      - "80:80:80:80"\n      - {target: 80, protocol: sctp}\n`,
      ),
    ).toEqual([
      'pond.yaml:6:9 error[pattern]: ports[0] in workload "web" must be a port such as 8080, "8080:80", "127.0.0.1:8080:80" or "8080:80/udp", or a mapping with "target", not "80:80:80:80"',
      'pond.yaml:7:32 error[enum]: ports[1].protocol in workload "web" must be one of tcp or udp, not "sctp"',
    ]);
  });

  it('suggests the nearest enum value', async () => {
    expect(
      await errorsOf(`${head}    image: nginx\n    restart: alway\n  db:\n    kind: databse\n    engine: postgres\n`),
    ).toEqual([
      'pond.yaml:5:14 error[enum]: restart in workload "web" must be one of no, always, unless-stopped or on-failure, not "alway"\n  hint: did you mean "always"?',
      'pond.yaml:7:11 error[enum]: kind in workload "db" must be one of service, database, notebook, query or bot, not "databse"\n  hint: did you mean "database"?',
    ]);
  });

  it('explains durations, sizes and conditions in words', async () => {
    const text = `${head}    image: nginx\n    stop_grace_period: 10 sec\n    resources: {memory: lots}\n    depends_on: {db: helthy}\n  db:\n    image: postgres\n`;
    expect(await errorsOf(text)).toEqual([
      'pond.yaml:5:24 error[pattern]: stop_grace_period in workload "web" must be a duration such as "500ms", "2s", "1m30s", "1h" or a whole number of seconds, not "10 sec"',
      'pond.yaml:6:25 error[pattern]: resources.memory in workload "web" must be a size such as "256m", "1.5g" or a number of bytes, or none for no limit, not "lots"',
      'pond.yaml:7:22 error[enum]: depends_on.db in workload "web" must be one of started, healthy or completed, not "helthy"\n  hint: did you mean "healthy"?',
    ]);
  });

  it('asks health for one way to check', async () => {
    expect(await errorsOf(`${head}    image: nginx\n    health:\n      retries: 3\n`)).toEqual([
      'pond.yaml:5:5 error[required]: health in workload "web" needs one of "exec", "http", "tcp" or "log"\n  hint: or set "disable: true"',
    ]);
  });

  it('refuses bad names and reserved label keys at the key', async () => {
    const text = 'version: 1\nworkloads:\n  Web:\n    image: nginx\n    labels:\n      dev.pond.project: x\n';
    expect(await errorsOf(text)).toEqual([
      'pond.yaml:3:3 error[pattern]: invalid workload name "Web": must be a lowercase name: letters a-z, digits, ".", "_" and "-", starting with a letter or digit',
      'pond.yaml:6:7 error[pattern]: invalid label key "dev.pond.project" in workload "Web": must be a label key outside the reserved "dev.pond." prefix',
    ]);
  });

  it('suggests a list for a single string', async () => {
    expect(await errorsOf(`${head}    image: nginx\n    unsafe: host-network\n`)).toEqual([
      'pond.yaml:5:13 error[type]: unsafe in workload "web" must be a list, not "host-network"\n  hint: write it as a list: [host-network]',
    ]);
  });

  it('accepts x- extension keys at the top and in workloads', async () => {
    const text =
      'version: 1\nx-common: &common {restart: always}\nworkloads:\n  web:\n    <<: *common\n    image: nginx\n    x-note: anything\n';
    const config = await load(await project({ 'pond.yaml': text }));
    expect(config.data.workloads).toEqual({ web: { restart: 'always', image: 'nginx', 'x-note': 'anything' } });
  });

  it('accepts the example from the design notes', async () => {
    const text = [
      'version: 1',
      'name: analytics',
      'workloads:',
      '  warehouse: {kind: database, engine: postgres, version: "16", storage: persistent, mode: fast}',
      '  explore:',
      '    kind: notebook',
      '    notebook: ./notebooks/explore.py',
      '    env:',
      '      DATABASE_URL: ${workloads.warehouse.url}',
      '  daily-sales:',
      '    kind: query',
      '    sql: ./queries/daily_sales.sql',
      '    inputs: [./data/sales.parquet]',
      '    output: { path: ./out/daily_sales.csv, format: csv }',
      '    timeout: 30s',
      '  trader: {kind: bot, runtime: python3.12, code: ./bots/trader, entrypoint: main.py, schedule: "*/5 * * * *", results: /bot/result.json}',
      '  preview:',
      '    image: node:20-slim',
      '    ready_when: { log: "compiled successfully", http: { port: 3000, path: / } }',
      '    depends_on: { warehouse: healthy }',
      '    ports: ["127.0.0.1:3000:3000", 9229, {target: 80, published: 8080, public: true}]',
      '    volumes: ["data:/data", "./src:/app:ro", {type: tmpfs, target: /tmp, tmpfs: {size: 64m}}]',
      '    resources: {memory: 1.5g, cpus: "0.5", cpu_shares: 512}',
      '    health: {http: {port: 3000}, interval: 1m30s, retries: 3}',
      '    restart: no',
      'volumes:',
      '  data:',
      '',
    ].join('\n');
    const config = await load(await project({ 'pond.yaml': text }));
    const preview = (config.data.workloads as Record<string, Record<string, unknown>>).preview!;
    expect(preview.restart).toBe('no');
    expect(preview.depends_on).toEqual({ warehouse: 'healthy' });
  });
});

describe('fixed values', () => {
  it('explains a quoted version', async () => {
    expect(await errorsOf('version: "1"\nworkloads: {}\n')).toEqual([
      'pond.yaml:1:10 error[invalid-value]: version must be 1, not "1"\n  hint: write it without quotes: 1',
    ]);
  });

  it('reports an empty workload and duplicate list items', async () => {
    expect(await errorsOf('version: 1\nworkloads:\n  web:\n  api: {image: x, depends_on: [web, web]}\n')).toEqual([
      'pond.yaml:3:3 error[type]: workload "web" must be a mapping, not empty',
      'pond.yaml:4:31 error[duplicate-item]: depends_on in workload "api" lists "web" twice\n  hint: remove one of them',
    ]);
  });
});
