import type Docker from 'dockerode';

const OWNED: { label: string; prefix: string }[] = [
  { label: 'dev.pond.project', prefix: 'pond-bench-' },
  { label: 'com.docker.compose.project', prefix: 'pondbench' },
];

function owned(labels: Record<string, string> | null | undefined): boolean {
  return OWNED.some((o) => labels?.[o.label]?.startsWith(o.prefix) ?? false);
}

/**
 * Force-removes every container and network the bench may have made, and nothing else: only objects
 * labelled dev.pond.project=pond-bench-* or com.docker.compose.project=pondbench*. Safe to call at
 * any time, including after a failed run. Returns the names of networks the engine refused to remove.
 */
export async function cleanup(docker: Docker): Promise<string[]> {
  const lists = await Promise.all(
    OWNED.map((o) => docker.listContainers({ all: true, filters: { label: [o.label] } })),
  );
  const candidates = lists.flat();
  await Promise.all(
    candidates
      .filter((c) => owned(c.Labels))
      .map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .catch(() => undefined),
      ),
  );
  const networks = (await docker.listNetworks()).filter((n) => owned(n.Labels));
  const refused = await Promise.all(
    networks.map((net) =>
      docker
        .getNetwork(net.Id)
        .remove()
        .then(
          () => undefined,
          () => net.Name,
        ),
    ),
  );
  return refused.filter((name): name is string => name !== undefined).sort();
}
