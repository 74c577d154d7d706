/**
 * The two notebook servers as data: the container port each listens on, its unauthenticated health
 * path, how the URL carries the token, and the start script. The script installs the server when the
 * image lacks it (the default image is plain python:3.11-slim, as the runner this comes from does),
 * then runs it on 0.0.0.0 with the token from the env, never from the command line.
 */
export interface Server {
  name: 'marimo' | 'jupyter';
  port: number;
  healthPath: string;
  tokenEnv: string;
  tokenQuery: string;
  start(target: string): string;
}

export const SERVERS: Record<Server['name'], Server> = {
  marimo: {
    name: 'marimo',
    port: 2718,
    healthPath: '/health',
    tokenEnv: 'MARIMO_TOKEN',
    tokenQuery: 'access_token',
    start: (target) =>
      `python -c 'import marimo' 2>/dev/null || pip install --quiet --no-cache-dir marimo && ` +
      `exec marimo edit --host 0.0.0.0 --port 2718 --headless --token-password "$MARIMO_TOKEN" ${quote(target)}`,
  },
  jupyter: {
    name: 'jupyter',
    port: 8888,
    healthPath: '/api',
    // Read by Jupyter Notebook 6 and by jupyter_server (JupyterLab) alike.
    tokenEnv: 'JUPYTER_TOKEN',
    tokenQuery: 'token',
    start: (target) =>
      `command -v jupyter >/dev/null 2>&1 || pip install --quiet --no-cache-dir jupyterlab && cd ${quote(target)} && ` +
      `if jupyter lab --version >/dev/null 2>&1; then exec jupyter lab --ip=0.0.0.0 --port=8888 --no-browser --allow-root; ` +
      `else exec jupyter notebook --ip=0.0.0.0 --port=8888 --no-browser --allow-root; fi`,
  },
};

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
