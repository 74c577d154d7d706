# The bot proves it got the real values without printing them: it compares their digests
# (the digest of the api_token in pond.yaml).
import hashlib, json, os, time
c = json.load(open('/pond/config.json'))
env = json.loads(os.environ['POND_CONFIG'])
want = '7eb5c99c74e62414a284a71aaaa12d036a25c7aa5ef16effc57a8427fd85d394'
got = hashlib.sha256(c['api_token'].encode()).hexdigest()
print('token ok' if got == want and env == c and c['exchange']['credentials']['secret'].startswith('nst-') else 'token wrong', flush=True)
time.sleep(3600)
