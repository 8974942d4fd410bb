// Which files the extension checks; the server decides the same by name (server/src/engine/files.ts).
export const DOCKERFILE_GLOB = '**/{[Dd]ockerfile*,*[Dd]ockerfile,DOCKERFILE*,*DOCKERFILE,[Cc]ontainerfile*,*.[Cc]ontainerfile,CONTAINERFILE*,*.CONTAINERFILE}';
export const CHECKED_GLOB =
  '**/{[Dd]ockerfile*,*[Dd]ockerfile,DOCKERFILE*,*DOCKERFILE,[Cc]ontainerfile*,*.[Cc]ontainerfile,CONTAINERFILE*,*.CONTAINERFILE,*.py}';
export const SKIPPED_GLOB = '**/{node_modules,.git,.venv,venv,__pycache__}/**';
