import { describe, expect, it } from 'vitest';
import { importYaml, workloadOf } from './helpers.js';

describe('pond import: a Compose service as a workload', () => {
  it('environment as a list becomes an env mapping of strings', () => {
    expect(workloadOf('image: a:1\nenvironment: [A=1, "B=x=y"]').workload.env).toEqual({ A: '1', B: 'x=y' });
  });

  it('environment values that YAML types become strings', () => {
    expect(workloadOf('image: a:1\nenvironment: { N: 5, T: true }').workload.env).toEqual({ N: '5', T: 'true' });
  });

  it('a bare environment name becomes ${NAME:-} with a note', () => {
    const { workload, notes } = workloadOf('image: a:1\nenvironment: [HOME_DIR]');
    expect(workload.env).toEqual({ HOME_DIR: '${HOME_DIR:-}' });
    expect(notes.join('\n')).toContain('HOME_DIR came from the shell');
  });

  it('env_file in the long form keeps the path and notes required: false', () => {
    const { workload, notes } = workloadOf('image: a:1\nenv_file: [{ path: .env.local, required: false }]');
    expect(workload.env_file).toBe('.env.local');
    expect(notes.join('\n')).toContain('required: false');
  });

  it('ports on every interface are noted as published on 127.0.0.1', () => {
    const { workload, notes } = workloadOf('image: a:1\nports: ["8080:80"]');
    expect(workload.ports).toEqual(['8080:80']);
    expect(notes.join('\n')).toContain('published on 127.0.0.1 only');
  });

  it('a 0.0.0.0 host address is dropped, with a note naming it', () => {
    const { workload, notes } = workloadOf('image: a:1\nports: ["0.0.0.0:80:80/udp"]');
    expect(workload.ports).toEqual(['80:80/udp']);
    expect(notes.join('\n')).toContain('bound to 127.0.0.1 instead of 0.0.0.0');
  });

  it('a 127.0.0.1 host address is kept', () => {
    expect(workloadOf('image: a:1\nports: ["127.0.0.1:5432:5432"]').workload.ports).toEqual(['127.0.0.1:5432:5432']);
  });

  it('a long-form port keeps target, published and protocol and notes mode', () => {
    const { workload, notes } = workloadOf(
      'image: a:1\nports: [{ target: 80, published: "8080", protocol: tcp, mode: host }]',
    );
    expect(workload.ports).toEqual([{ target: 80, published: 8080, protocol: 'tcp' }]);
    expect(notes.join('\n')).toContain('could not carry over ports[].mode');
  });

  it('a string command is split into arguments as Compose splits it', () => {
    expect(workloadOf(`image: a:1\ncommand: sh -c 'echo "a b"; sleep 1'`).workload.command).toEqual([
      'sh',
      '-c',
      'echo "a b"; sleep 1',
    ]);
  });

  it('an entrypoint list is kept', () => {
    expect(workloadOf('image: a:1\nentrypoint: [/bin/run, --x]').workload.entrypoint).toEqual(['/bin/run', '--x']);
  });

  it('user, working_dir, hostname, shm_size, ulimits, stop_signal and stop_grace_period carry over as they are', () => {
    const { workload, notes } = workloadOf(
      'image: a:1\nuser: "1000:1000"\nworking_dir: /app\nhostname: api\nshm_size: 256m\nulimits: { nofile: { soft: 1024, hard: 2048 } }\nstop_signal: SIGINT\nstop_grace_period: 1m30s',
    );
    expect(workload).toMatchObject({
      user: '1000:1000',
      working_dir: '/app',
      hostname: 'api',
      shm_size: '256m',
      ulimits: { nofile: { soft: 1024, hard: 2048 } },
      stop_signal: 'SIGINT',
      stop_grace_period: '1m30s',
    });
    expect(notes).toEqual([]);
  });

  it('extra_hosts in the name=ip form become name:ip, and a dns string a list', () => {
    expect(
      workloadOf('image: a:1\nextra_hosts: ["db.local=10.0.0.5", "x:10.0.0.6"]\ndns: 1.1.1.1').workload,
    ).toMatchObject({ extra_hosts: ['db.local:10.0.0.5', 'x:10.0.0.6'], dns: ['1.1.1.1'] });
  });

  it('labels as a list become a mapping', () => {
    expect(workloadOf('image: a:1\nlabels: ["a.b=c"]').workload.labels).toEqual({ 'a.b': 'c' });
  });

  it('a build without an image uses the name docker compose build gives it, with a note', () => {
    const { workload, notes } = workloadOf('build: ./web');
    expect(workload.image).toBe('app-web');
    expect(notes.join('\n')).toContain('could not carry over build: pond does not build images');
  });

  it('container_name, profiles, networks and an unknown key each get a could-not-carry-over note', () => {
    const { notes } = workloadOf(
      'image: a:1\ncontainer_name: w\nprofiles: [debug]\nnetworks: [front]\ncap_add: [NET_ADMIN]\nweird: 1',
    );
    for (const key of ['container_name', 'profiles', 'networks', 'cap_add', 'weird'])
      expect(notes.some((n) => n.startsWith(`could not carry over ${key}:`))).toBe(true);
  });
});

describe('pond import: runtime settings', () => {
  it('depends_on conditions become started, healthy and completed', () => {
    const text =
      'services:\n  a: { image: x:1 }\n  b: { image: x:1 }\n  c: { image: x:1 }\n  web:\n    image: x:1\n    depends_on:\n      a: { condition: service_started }\n      b: { condition: service_healthy }\n      c: { condition: service_completed_successfully, restart: true }\n';
    const result = importYamlFromText(text);
    expect(result.workload.depends_on).toEqual({ a: 'started', b: 'healthy', c: 'completed' });
    expect(result.notes.join('\n')).toContain('depends_on.c.restart: true');
  });

  it('restart: on-failure:3 becomes on-failure with a note on the count', () => {
    const { workload, notes } = workloadOf('image: a:1\nrestart: on-failure:3');
    expect(workload.restart).toBe('on-failure');
    expect(notes.join('\n')).toContain('no retry limit');
  });

  it('restart: unless-stopped is kept', () => {
    expect(workloadOf('image: a:1\nrestart: unless-stopped').workload.restart).toBe('unless-stopped');
  });

  it('mem_limit and cpus become resources', () => {
    expect(workloadOf('image: a:1\nmem_limit: 512m\ncpus: 0.5\ncpu_shares: 256').workload.resources).toEqual({
      memory: '512m',
      cpus: 0.5,
      cpu_shares: 256,
    });
  });

  it('deploy.resources.limits become resources; reservations and replicas are noted', () => {
    const { workload, notes } = workloadOf(
      'image: a:1\ndeploy:\n  replicas: 2\n  resources:\n    limits: { memory: 1.5G, cpus: "0.50" }\n    reservations: { memory: 1G }',
    );
    expect(workload.resources).toEqual({ memory: '1.5G', cpus: '0.50' });
    expect(notes.join('\n')).toContain('deploy.resources.reservations');
    expect(notes.join('\n')).toContain('deploy.replicas');
  });

  it('network_mode service:X becomes network: workload:X', () => {
    const result = importYamlFromText(
      'services:\n  vpn: { image: x:1 }\n  web: { image: x:1, network_mode: "service:vpn" }\n',
    );
    expect(result.workload.network).toBe('workload:vpn');
  });

  it('network_mode host becomes network: host with the explicit unsafe opt-in, noted', () => {
    const { workload, notes } = workloadOf('image: a:1\nnetwork_mode: host');
    expect(workload).toMatchObject({ network: 'host', unsafe: ['host-network'] });
    expect(notes.join('\n')).toContain('unsafe: [host-network]');
  });
});

function importYamlFromText(text: string): { workload: Record<string, unknown>; notes: string[] } {
  const result = importYaml(text);
  return {
    workload: (result.data.workloads as Record<string, Record<string, unknown>>).web!,
    notes: result.notes.map((n) => n.text),
  };
}

describe('pond import: loopback ports', () => {
  it('ports already on 127.0.0.1 get no note about the binding', () => {
    expect(workloadOf('image: a:1\nports: ["127.0.0.1:8080:80"]').notes).toEqual([]);
  });
});
