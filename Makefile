# Developer shortcuts. CI runs .ci/run; these targets wrap the same scripts.
#   make up      quickstart: engine, the images it uses, build, then pond up on examples/quickstart
#   make down    tear the quickstart down again
#   make analytics  the same for examples/analytics: every kind (database, notebook, query, bots)
#   make test    engine, images, test deps (scripts/test-deps.sh), then the whole test suite (npm test)
#   make images  only the local images (scripts/images.sh)
#   make engine  only make sure a Docker engine answers (scripts/engine.sh)

QUICKSTART        := examples/quickstart/pond.yaml
QUICKSTART_IMAGES := busybox postgres
ANALYTICS         := examples/analytics/pond.yaml
ANALYTICS_IMAGES  := postgres mysql python:3.11-slim node:22-slim
POND              := ./bin/pond

.PHONY: up down analytics test images engine build

up: node_modules engine build
	bash scripts/images.sh $(QUICKSTART_IMAGES)
	$(POND) -f $(QUICKSTART) up

down:
	$(POND) -f $(QUICKSTART) down

analytics: node_modules engine build
	bash scripts/images.sh $(ANALYTICS_IMAGES)
	$(POND) -f $(ANALYTICS) up

test: node_modules engine images
	bash scripts/test-deps.sh
	npm test

build: node_modules
	npm run build

images: engine
	bash scripts/images.sh

engine:
	bash scripts/engine.sh

# Reinstall when missing or when package-lock.json is newer than the last install.
node_modules: package-lock.json
	npm ci --no-audit --no-fund
	@touch node_modules
