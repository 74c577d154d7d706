import sys
print('trader-cannot-start', flush=True)
sys.exit(5)
