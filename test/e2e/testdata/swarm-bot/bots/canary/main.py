import json
import os
import sys
import time

config = json.loads(os.environ["POND_CONFIG"])
print("canary-run", config["symbol"], "argv=" + json.dumps(sys.argv), flush=True)
print("env POND_CONFIG=" + os.environ["POND_CONFIG"], flush=True)
print("a warning", file=sys.stderr, flush=True)
time.sleep(float(config.get("sleep", 0)))
print("canary-done", flush=True)
sys.exit(int(config.get("exit", 0)))
