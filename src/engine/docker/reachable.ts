import os from 'node:os';
import type { RawInspect } from './inspect.js';

type Interfaces = NodeJS.Dict<os.NetworkInterfaceInfo[]>;

/**
 * The container address pond may probe from its own process, or undefined when the probe must run
 * inside the engine instead. Only an address on a bridge of this very host qualifies: the bridge's
 * interface (`br-<network id>`) must exist here with the address inside its subnet. A remote engine,
 * or one in another network namespace, has the same 172.x addresses as local containers, so a probe
 * sent there would reach another machine or, worse, a different container that answers "healthy".
 */
export function localAddress(raw: RawInspect, interfaces: Interfaces = os.networkInterfaces()): string | undefined {
  if (raw.HostConfig.NetworkMode === 'host') return undefined;
  for (const net of Object.values(raw.NetworkSettings.Networks ?? {})) {
    if (!net.IPAddress || !net.NetworkID) continue;
    const bridge = interfaces[`br-${net.NetworkID.slice(0, 12)}`] ?? [];
    if (bridge.some((a) => a.family === 'IPv4' && sameSubnet(a.address, net.IPAddress!, a.netmask)))
      return net.IPAddress;
  }
  return undefined;
}

function sameSubnet(a: string, b: string, mask: string): boolean {
  const [x, y, m] = [a, b, mask].map(toInt) as [number, number, number];
  return (x & m) >>> 0 === (y & m) >>> 0;
}

function toInt(ip: string): number {
  return ip.split('.').reduce((n, part) => ((n << 8) | Number(part)) >>> 0, 0);
}

/**
 * The same http/tcp probe run inside the container against its own loopback, with whatever the image
 * has (curl, wget, node, python3, bash's /dev/tcp, nc). Ready on any HTTP status below 500, as from
 * the host. Exit 3: the image has none of them.
 */
export function inContainerProbe(
  probe: { http: { port: number; path: string } } | { tcp: { port: number } },
  timeoutMs: number,
): string[] {
  const t = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  if ('http' in probe) return ['sh', '-c', HTTP, 'probe', String(probe.http.port), probe.http.path, t];
  return ['sh', '-c', TCP, 'probe', String(probe.tcp.port), t];
}

const HTTP = String.raw`port="$1"; path="$2"; u="http://127.0.0.1:$1$2"; t="$3"
code() {
  if command -v curl >/dev/null 2>&1; then curl -s -o /dev/null -m "$t" -w '%{http_code}' "$u" && return; fi
  if command -v node >/dev/null 2>&1; then node -e 'require("http").get(process.argv[1], { timeout: process.argv[2] * 1000 }, (r) => { console.log(r.statusCode); process.exit(0); }).on("error", () => process.exit(1))' "$u" "$t" && return; fi
  for p in python3 python; do command -v $p >/dev/null 2>&1 && $p -c 'import sys, urllib.request, urllib.error
try: print(urllib.request.urlopen(sys.argv[1], timeout=float(sys.argv[2])).status)
except urllib.error.HTTPError as e: print(e.code)' "$u" "$t" 2>/dev/null && return; done
  if command -v wget >/dev/null 2>&1; then wget -S -T "$t" -O /dev/null "$u" 2>&1 | sed -n 's/^ *HTTP\/[0-9.]* \([0-9]*\).*/\1/p' | tail -n 1; fi
  if command -v nc >/dev/null 2>&1; then printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" | nc -w "$t" 127.0.0.1 "$port" 2>/dev/null | sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p'; fi
}
c=$(code | grep -E '^[0-9]+$' | head -n 1)
[ -n "$c" ] || { echo "no answer from $u (tried curl, node, python, wget, nc)"; exit 1; }
echo "HTTP $c"; [ "$c" -gt 0 ] && [ "$c" -lt 500 ]`;

const TCP = `p="$1"; t="$2"
if command -v bash >/dev/null 2>&1; then exec bash -c 'exec 3<>/dev/tcp/127.0.0.1/'"$p"; fi
if command -v node >/dev/null 2>&1; then exec node -e 'require("net").connect(+process.argv[1], "127.0.0.1").on("connect", () => process.exit(0)).on("error", () => process.exit(1))' "$p"; fi
for q in python3 python; do command -v $q >/dev/null 2>&1 && exec $q -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), float(sys.argv[2]))' "$p" "$t"; done
if command -v nc >/dev/null 2>&1; then exec nc -w "$t" 127.0.0.1 "$p" </dev/null >/dev/null; fi
echo "no bash, node, python or nc in the image to probe tcp with"; exit 3`;
