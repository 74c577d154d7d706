/**
 * What counts as a secret, in one place. A value is secret when its name says so (an env name, a
 * config key), when it was declared `sensitive`, when it is shaped like a URL carrying a password
 * (`scheme://user:pass@host`), or when it contains the value of such a variable. Secret values never
 * reach any output: plans, config, errors, JSON, labels.
 *
 * Names are split into words (`_`, `-`, `.`, camelCase) so that `KEYBOARD_LAYOUT` or `TOKENIZER` are
 * not secrets while `API_KEY`, `apiKey`, `APIKEY` and `GH_PAT` are.
 */

/** A word that ends with one of these is secret: DB_PASSWORD, githubToken, CLIENTSECRET, MYAPIKEY. */
const SECRET_ENDINGS = [
  'password',
  'passwd',
  'passphrase',
  'passwords',
  'secret',
  'secrets',
  'token',
  'tokens',
  'credential',
  'credentials',
  'apikey',
  'accesskey',
  'privatekey',
  'secretkey',
];
/** A word that starts with one of these is secret: PASSWORDFILE, SECRETKEYBASE, CREDENTIALSJSON. */
const SECRET_STARTS = ['password', 'passwd', 'secret', 'credential'];
/** Whole words that are secret anywhere in a name: API_KEY, SENTRY_DSN, BEARER, CREDS. */
const SECRET_WORDS = new Set([
  'pwd',
  'key',
  'keys',
  'authorization',
  'bearer',
  'dsn',
  'creds',
  'cred',
  'cert',
  'pem',
  'jwt',
  'salt',
]);
/** Words that are secret only as the last word (AUTH_URL, PAT_EXPIRY, COOKIE_DOMAIN, pass_env are not): BASIC_AUTH, GH_PAT, SMTP_PASS. */
const SECRET_LAST_WORDS = new Set(['auth', 'pat', 'pass', 'cookie', 'session']);

/** Substring matching is only meaningful for values this long; shorter ones would hide ordinary words. */
export const MIN_SECRET_LENGTH = 6;

/** The words of a name, lowercased: `githubToken` → [github, token], `GH_PAT` → [gh, pat]. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** Answers by name: a large pond.yaml repeats the same few keys (image, env, PORT) thousands of times. */
const sensitiveNames = new Map<string, boolean>();

export function isSensitiveName(name: string): boolean {
  const known = sensitiveNames.get(name);
  if (known !== undefined) return known;
  const ws = words(name);
  const answer = ws.some((w, i) => isSecretWord(w, i === ws.length - 1));
  if (sensitiveNames.size >= 10_000) sensitiveNames.clear();
  sensitiveNames.set(name, answer);
  return answer;
}

function isSecretWord(word: string, last: boolean): boolean {
  if (SECRET_WORDS.has(word) || (last && SECRET_LAST_WORDS.has(word))) return true;
  return SECRET_ENDINGS.some((e) => word.endsWith(e)) || SECRET_STARTS.some((s) => word.startsWith(s));
}

const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/([^/\s:@]*):([^/\s@]+)@[^\s]/i;

/** `postgres://app:hunter2@db/app`, `redis://:pw@cache`: a connection URL carrying a password is secret whatever its name. */
export function isSecretValue(value: string): boolean {
  return URL_WITH_PASSWORD.test(value.trim());
}

/** The password inside a connection URL, if any (so that it is hidden wherever else it appears). */
export function urlPassword(value: string): string | undefined {
  return URL_WITH_PASSWORD.exec(value.trim())?.[2];
}

/** Whether `text` carries any of `secrets` (each at least MIN_SECRET_LENGTH long). */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  return secrets.some((s) => s.length >= MIN_SECRET_LENGTH && text.includes(s));
}

/** A `KEY=VALUE` item's KEY, as an environment variable is named. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Every secret scalar in a parsed config tree: values under a secret-named key (at any depth, and
 * everything below such a key), `KEY=VALUE` list items with a secret KEY, connection URLs with a
 * password (and that password). Used to keep them out of diagnostics and displayed specs.
 */
export function secretValuesIn(tree: unknown): string[] {
  const out = new Set<string>();
  const visit = (v: unknown, secret: boolean): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x, secret);
      return;
    }
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) visit(o[k], secret || isSensitiveName(k));
      return;
    }
    scalarSecrets(v, secret, out);
  };
  visit(tree, false);
  return [...out].sort();
}

/**
 * Adds to `out` the secrets one scalar carries (none empty): itself when it sits under a secret-named
 * key (`secret`), the VALUE of a `KEY=VALUE` with a secret KEY, a connection URL's password and the URL.
 * secretValuesIn's rule for each scalar, and that of any other walk that must agree with it.
 */
export function scalarSecrets(v: unknown, secret: boolean, out: Set<string>): void {
  if (v === null || v === undefined) return;
  const text = String(v);
  if (secret && text.length > 0) out.add(text);
  if (typeof v !== 'string') return;
  const eq = text.indexOf('=');
  if (eq > 0 && eq < text.length - 1 && ENV_NAME.test(text.slice(0, eq)) && isSensitiveName(text.slice(0, eq)))
    out.add(text.slice(eq + 1));
  // Only a text with "://" can hold a URL with a password (never empty, by its pattern): most values are spared the pattern.
  const pw = text.includes('://') ? urlPassword(eq > 0 ? text.slice(eq + 1) : text) : undefined;
  if (pw) out.add(pw).add(text);
}

/**
 * A copy of `value` with every scalar under a secret-named key (or shaped like a URL with a password)
 * replaced by `hide(scalar)`: a bot's `config:` as shown in plans and `pond config`.
 */
export function redactTree(value: unknown, hide: (secret: string) => string, secret = false): unknown {
  if (Array.isArray(value)) return value.map((x) => redactTree(x, hide, secret));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, x]) => [k, redactTree(x, hide, secret || isSensitiveName(k))]),
    );
  if (value === null || value === undefined) return value;
  if (secret || (typeof value === 'string' && isSecretValue(value)))
    return hide(typeof value === 'string' ? value : JSON.stringify(value));
  return value;
}

/** How a hidden value is described in an error: its shape, never its text ("a 12-character string"). */
export function shapeOf(value: unknown): string {
  if (typeof value === 'string') return `a ${value.length}-character string`;
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true/false';
  if (value === null || value === undefined) return 'empty';
  return Array.isArray(value) ? 'a list' : 'a mapping';
}

/** Secrets shorter than this are only hidden where they are known to sit (their own key), not as substrings. */
const MIN_SCRUB_LENGTH = 4;

/**
 * `text` with every occurrence of `secrets` (longest first, each at least MIN_SCRUB_LENGTH long)
 * replaced by a description of its shape: for messages that quote a value pond did not know was secret.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  const sorted = secrets.filter((s) => s.length >= MIN_SCRUB_LENGTH).sort((a, b) => b.length - a.length);
  return sorted.reduce((out, s) => {
    const shown = `(sensitive: ${shapeOf(s)})`;
    return out.split(JSON.stringify(s)).join(shown).split(s).join(shown);
  }, text);
}

/** Secret values in each workload and volume of a config, below its name (a workload called "api-key-sync" is not a secret key). */
export function configSecrets(data: Record<string, unknown> | undefined): string[] {
  const bodies = NAMED_SECTIONS.flatMap((section) =>
    Object.values((data?.[section] as Record<string, unknown> | undefined) ?? {}),
  );
  return bodies.flatMap(secretValuesIn);
}

/** The sections whose keys are names (of workloads, of volumes), not keys that could make a value secret. */
export const NAMED_SECTIONS: readonly string[] = ['workloads', 'volumes'];
