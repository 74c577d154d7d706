import type { KindInfo } from '../kind.js';
import type { NotebookFacts } from './expand.js';

/** A notebook's address; its URL carries the token, since opening it is what the URL is for. */
export interface NotebookInfo {
  workload: string;
  server: string;
  host: string;
  port: number;
  url: string;
}

/** A notebook's URL with its token, as Jupyter itself prints it: the token is what opens it. */
export function notebookUrl(n: NotebookFacts): string {
  return `http://127.0.0.1:${n.hostPort}/?${n.tokenQuery}=${n.token}`;
}

export function notebookInfo(w: { name: string; notebook: NotebookFacts }): NotebookInfo {
  return {
    workload: w.name,
    server: w.notebook.server,
    host: '127.0.0.1',
    port: w.notebook.hostPort,
    url: notebookUrl(w.notebook),
  };
}

/** `pond info`'s notebooks section. */
export const NOTEBOOK_INFO: KindInfo<NotebookFacts, NotebookInfo> = {
  section: 'notebooks',
  header: ['WORKLOAD', 'SERVER', 'HOST', 'PORT', 'URL'],
  entry: (name, facts) => notebookInfo({ name, notebook: facts }),
  row: (n) => [n.workload, n.server, n.host, String(n.port), n.url],
};
