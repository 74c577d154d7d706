/** What `pond --help` ends with: the environment pond reads and what its exit codes mean (DESIGN §3). */
export const HELP_AFTER = `
Environment:
  POND_FILE             config files when no -f is given, separated by ":" (";" on Windows) or POND_PATH_SEPARATOR
  POND_PATH_SEPARATOR   the separator POND_FILE uses
  POND_PROJECT_NAME     project name when no -p is given
  POND_ENGINE           the backend when no --engine is given: docker or swarm (default: engine: in the file, else docker)
  DOCKER_HOST           the engine's address (unix://, tcp:// or ssh://[user@]host; default unix:///var/run/docker.sock)
  DOCKER_TLS_VERIFY     tcp:// with TLS, verifying the engine's certificate (DOCKER_TLS: TLS without verifying)
  DOCKER_TLS            TLS to a tcp:// engine without verifying its certificate
  DOCKER_CERT_PATH      where ca.pem, cert.pem and key.pem are (default ~/.docker)
  DOCKER_CONTEXT        a docker context whose engine to use when DOCKER_HOST is unset (default: docker context use's)
  DOCKER_CONFIG         where the docker CLI keeps its contexts (default ~/.docker)
  NO_COLOR              no colour and no live redraw: plain progress lines (like --no-color)
  FORCE_COLOR           colour even when the output is not a terminal (FORCE_COLOR=0: no colour)
  CI                    plain progress lines, no prompts, pond ui opens no browser
  DISPLAY               pond ui opens a browser only when this (or WAYLAND_DISPLAY) is set, on a terminal
  WAYLAND_DISPLAY       see DISPLAY
  TERM                  TERM=dumb: no colour, plain progress lines
  POND_ENGINE_RETRY_MS  how long engine calls retry a transient fault (default 3000; 0: never)
  POND_WATCH_DEBOUNCE   up --watch: quiet period folding a burst of saves into one reconcile (default 150ms)
  POND_WATCH_RESYNC     up --watch: how often the engine is looked at again after it reported a change (default 1s; a settled stack every 10s)
  POND_LOCK_DIR         where project locks live (default: the system temp folder)
  POND_ENGINE_SHARES_PATHS  1: the engine sees this machine's paths as they are (a VM or remote engine that mounts them)
  POND_COMPILE_CACHE    where pond keeps V8's compiled code of its CLI and what it learnt of config files (default $XDG_CACHE_HOME/pond/v8, else ~/.cache/pond/v8; 0: none)
  XDG_CACHE_HOME        see POND_COMPILE_CACHE
  NODE_DISABLE_COMPILE_CACHE  1: no compiled-code cache (nor kept parses), as for Node's own

Exit codes:
  0    ok
  1    apply or runtime failure
  2    plan --detailed-exitcode: there are changes
  3    invalid configuration or usage (nothing was touched)
  4    engine unreachable
  5    lock held by another pond
  124  a workload was not ready in time, or a query ran past its timeout
  130  interrupted (SIGINT; 143 SIGTERM, 129 SIGHUP)
`;
