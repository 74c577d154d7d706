/** What a query run returns, cold or warm: its result bytes, or why it failed and the exit code to end with. */
export type AdhocResult = { ok: true; bytes: Buffer } | { ok: false; code: number; message: string };
