import json
import os
import socket
import sys

config = json.loads(os.environ["POND_CONFIG"])
print("canary-run", config["symbol"], "argv=" + json.dumps(sys.argv), "host=" + socket.gethostname())
print("env POND_CONFIG=" + os.environ["POND_CONFIG"])
print("a warning", file=sys.stderr)
sys.exit(int(config.get("exit", 0)))
