import { stringify } from 'yaml';

/** The quickstart's three workloads, in dependency order; the env var the "one change" bumps on web. */
export const WORKLOADS = ['db', 'seed', 'web'] as const;
export const REV_VAR = 'REV';
const PG_IMAGE = 'postgres:15-alpine';
const WEB_IMAGE = 'busybox:1.35';
const PG_LOGIN = { PGUSER: 'pond', PGDATABASE: 'pond' };

/**
 * The seed's script. It takes the password from PGPASSWORD or, where pond on a swarm turned PGPASSWORD
 * into a Swarm secret and PGPASSWORD_FILE (which libpq does not read), from that file.
 */
const SEED = [
  'export PGPASSWORD="$${PGPASSWORD:-$$(cat "$$PGPASSWORD_FILE")}"',
  'psql -h db -v ON_ERROR_STOP=1 -c "CREATE TABLE IF NOT EXISTS visits (id serial PRIMARY KEY, at timestamptz DEFAULT now())"',
].join('; ');
const WEB = `mkdir -p /www && echo "web rev $$${REV_VAR}" > /www/index.html && exec httpd -f -p 8080 -h /www`;

/** The same probes pond gives the swarm: pg_isready and a wget of / on 8080, every 5 s (pond's defaults). */
const PG_HEALTH = ['CMD', 'sh', '-c', 'pg_isready -h 127.0.0.1 -U pond -d pond'];
const WEB_HEALTH = ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/'];

/** pond.yaml of project `name` at revision `rev` of web's env. */
export function swarmPondYaml(name: string, rev: number): string {
  const workloads = {
    db: { kind: 'database', engine: 'postgres', version: '15', storage: 'persistent' },
    seed: {
      image: PG_IMAGE,
      command: ['sh', '-c', SEED],
      env: { ...PG_LOGIN, PGPASSWORD: 'pond' },
      depends_on: { db: 'healthy' },
    },
    web: {
      image: WEB_IMAGE,
      command: ['sh', '-c', WEB],
      env: { [REV_VAR]: String(rev) },
      health: { http: { port: 8080, path: '/' } },
      depends_on: { db: 'healthy', seed: 'completed' },
    },
  };
  return stringify({ version: 1, name, workloads }, { aliasDuplicateObjects: false });
}

/** `deploy:` of a stack service: DNS round robin (no IPVS in this kernel), a restart policy, an update order. */
function deploy(restart: 'any' | 'on-failure', extra: object = {}): object {
  return { endpoint_mode: 'dnsrr', restart_policy: { condition: restart, delay: '1s' }, ...extra };
}

/**
 * The equivalent compose file (3.8) for `docker stack deploy`. depends_on is ignored there, so the seed
 * restarts on failure until db answers; web rolls start-first with pond's rollback and 5 s monitor.
 */
export function swarmComposeYaml(rev: number): string {
  const health = (test: string[], retries: number): object => ({ test, interval: '5s', timeout: '5s', retries });
  const services = {
    db: {
      image: PG_IMAGE,
      environment: { POSTGRES_USER: 'pond', POSTGRES_PASSWORD: 'pond', POSTGRES_DB: 'pond' },
      volumes: ['db-data:/var/lib/postgresql/data'],
      healthcheck: health(PG_HEALTH, 5),
      deploy: deploy('any', { resources: { limits: { memory: '1g' } } }),
    },
    seed: {
      image: PG_IMAGE,
      command: ['sh', '-c', SEED],
      environment: { ...PG_LOGIN, PGPASSWORD: 'pond' },
      init: true,
      deploy: deploy('on-failure'),
    },
    web: {
      image: WEB_IMAGE,
      command: ['sh', '-c', WEB],
      environment: { [REV_VAR]: String(rev) },
      init: true,
      healthcheck: health(WEB_HEALTH, 3),
      deploy: deploy('any', {
        update_config: { order: 'start-first', failure_action: 'rollback', monitor: '5s', parallelism: 1 },
      }),
    },
  };
  return stringify({ version: '3.8', services, volumes: { 'db-data': {} } }, { aliasDuplicateObjects: false });
}
