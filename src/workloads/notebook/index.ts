import type { KindDefinition } from '../kind.js';
import { expandNotebook, type NotebookFacts } from './expand.js';
import { NOTEBOOK_INFO, notebookUrl } from './info.js';
import schema from './schema.json' with { type: 'json' };

declare module '../../model/types.js' {
  interface KindFacts {
    /** What info, ps and up's summary show about a notebook: its server, port and token. */
    notebook: NotebookFacts;
  }
}

export const notebook: KindDefinition<NotebookFacts> = {
  name: 'notebook',
  publishesPort: true,
  schema,
  info: NOTEBOOK_INFO,
  expand: expandNotebook,
  links: (facts) => [{ label: facts.server, url: notebookUrl(facts) }],
};
