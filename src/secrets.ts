/**
 * What counts as a secret, in one place. A value is secret when its env name says so, when it was
 * declared `sensitive`, or when it contains the value of such a variable (a URL with a password in
 * it). Secret values never reach any output: plans, config, errors, JSON, labels.
 */
const SECRET_NAME = /PASSWORD|PASSWD|PASS\b|_PASS_|PWD|TOKEN|SECRET|KEY|CREDENTIAL|PRIVATE|AUTH|DSN|CERT/i;

/** Substring matching is only meaningful for values this long; shorter ones would hide ordinary words. */
export const MIN_SECRET_LENGTH = 6;

export function isSensitiveName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Whether `text` carries any of `secrets` (each at least MIN_SECRET_LENGTH long). */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  return secrets.some((s) => s.length >= MIN_SECRET_LENGTH && text.includes(s));
}
