/** The names `docker compose` looks for, in its order: where `pond import` finds its input by default. */
export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
