import { describe, expect, it } from 'vitest';
import { renderPondYaml } from '../../../src/import/document.js';
import path from 'node:path';
import { loadProject } from '../../../src/pipeline.js';
import { project } from '../config/helpers.js';
import { importYaml } from './helpers.js';

const KITCHEN_SINK = `
name: Shop
services:
  db:
    image: postgres:15
    environment: { POSTGRES_PASSWORD: pw }
    healthcheck: { test: [CMD-SHELL, pg_isready], interval: 5s, timeout: 3s, retries: 5, start_period: 10s }
    volumes: [pgdata:/var/lib/postgresql/data, /scratch]
    mem_limit: 512m
    shm_size: 256m
    restart: unless-stopped
    container_name: shop-db
    expose: [5432]
  web:
    build: { context: ./web }
    command: node server.js --port 3000
    environment: [NODE_ENV=production, DEBUG]
    env_file: .env.web
    ports: ["0.0.0.0:3000:3000", { target: 9229, published: 9229 }]
    volumes: [{ type: bind, source: ./web, target: /app, read_only: true }]
    tmpfs: /tmp
    depends_on: { db: { condition: service_healthy } }
    deploy: { resources: { limits: { cpus: "1.5", memory: 256M } } }
    user: node
    working_dir: /app
    hostname: web
    extra_hosts: ["host.local=10.0.0.1"]
    dns: [1.1.1.1]
    ulimits: { nofile: 65536 }
    stop_signal: SIGINT
    stop_grace_period: 20s
    labels: [team=shop]
    profiles: [full]
    networks: [front]
  sidecar:
    image: busybox:1.35
    network_mode: service:web
    command: [sleep, "3600"]
networks: { front: {} }
volumes:
  pgdata: { labels: { keep: "yes" } }
`;

describe('pond import output', () => {
  it('is a pond.yaml that loads without a problem, for a file using every mapped key (schema, model and graph)', async () => {
    const dir = await project({
      'pond.yaml': renderPondYaml(importYaml(KITCHEN_SINK), ['compose.yaml']),
      '.env.web': 'A=1\n',
    });
    const loaded = await loadProject([path.join(dir, 'pond.yaml')], {});
    expect(loaded.spec.workloads.map((w) => w.name).sort()).toEqual(['db', 'sidecar', 'web']);
  });
});
