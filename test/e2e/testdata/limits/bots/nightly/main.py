# Prints the memory limit its own cgroup enforces (v2, else v1): a witness from inside the container.
import os
for f in ('/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes'):
    if os.path.exists(f):
        print('limit', open(f).read().strip(), flush=True)
        break
