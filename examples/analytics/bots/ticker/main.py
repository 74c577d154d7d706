"""A long-running bot: every few seconds it reports a price tick for each configured symbol.

pond hands it its `config:` as JSON in POND_CONFIG; it keeps running until stopped, and pond restarts it
if it crashes and replaces it when this code or its config changes.
"""
import json
import os
import random
import time

config = json.loads(os.environ.get("POND_CONFIG", "{}"))
symbols = config.get("symbols", ["AAPL"])
interval = float(config.get("interval_seconds", 5))

print(f"ticker watching {', '.join(symbols)} every {interval:g}s", flush=True)
while True:
    for symbol in symbols:
        print(json.dumps({"symbol": symbol, "price": round(100 + random.uniform(-5, 5), 2)}), flush=True)
    time.sleep(interval)
