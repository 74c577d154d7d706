/** A language runtime as data: the official image, how to run a file, and the file run by default. */
export interface Runtime {
  name: 'python3.11' | 'python3.12' | 'node20' | 'node22';
  image: string;
  /** The interpreter, as argv before the entry file. */
  interpreter: string[];
  defaultEntrypoint: string;
  /** Env every bot of this runtime gets (unbuffered output, so logs arrive as they are written). */
  env: Record<string, string>;
}

const python = (version: string): Runtime => ({
  name: `python${version}` as Runtime['name'],
  image: `python:${version}-slim`,
  interpreter: ['python3'],
  defaultEntrypoint: 'main.py',
  env: { PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' },
});

const node = (major: string): Runtime => ({
  name: `node${major}` as Runtime['name'],
  image: `node:${major}-slim`,
  interpreter: ['node'],
  defaultEntrypoint: 'index.js',
  env: {},
});

export const RUNTIMES: Record<Runtime['name'], Runtime> = {
  'python3.11': python('3.11'),
  'python3.12': python('3.12'),
  node20: node('20'),
  node22: node('22'),
};

/** Where things live inside every bot container. */
export const BOT_PATHS = {
  /** The code, mounted read-only. */
  code: '/app',
  /** `config:` as JSON, written at start from POND_CONFIG. */
  config: '/pond/config.json',
  /** The working directory: writable (the container's own layer), so results survive the exit. */
  work: '/pond/work',
} as const;
