import type { Connection, DataFacts, InitOnly } from './expand.js';

/** What `kind: database` tells the rest of pond: how to connect, and what only matters on first init of its data. */
export interface DatabaseFacts {
  connection: Connection;
  version: string;
  /** Env the image honours only when it initialises an empty data dir on this named volume. */
  initOnly?: InitOnly;
  data: DataFacts;
}
