import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '../../support/temp-dir.js';

/**
 * A folder holding an `ssh` that stands in for a remote host: it records its arguments (one line
 * per call in `log`), refuses any command but `docker system dial-stdio`, and runs that locally
 * with the caller's DOCKER_* variables cleared, as a login on the remote host would have them.
 */
export async function fakeSsh(): Promise<{ bin: string; log: string }> {
  const bin = tempDir('pond-fake-ssh-', { keep: 'file' });
  const log = path.join(bin, 'calls.log');
  const script = `#!/bin/sh
printf '%s\\n' "$*" >> '${log}'
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; break ;;
    -o|-l|-p) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
shift
[ "$*" = "docker system dial-stdio" ] || { echo "fake ssh: unexpected remote command: $*" >&2; exit 255; }
exec env -u DOCKER_HOST -u DOCKER_CONTEXT -u DOCKER_CONFIG -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH docker system dial-stdio
`;
  await fs.writeFile(path.join(bin, 'ssh'), script, { mode: 0o755 });
  return { bin, log };
}
