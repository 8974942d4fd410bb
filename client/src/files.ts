// Which files the extension checks; the server decides the same by name (server/src/engine/files.ts).
export const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile}';
export const CHECKED_GLOB = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,*.py}';
export const SKIPPED_GLOB = '**/{node_modules,.git,.venv,venv,__pycache__}/**';
