import fs from 'node:fs';
import path from 'node:path';

/** The repository root (the folder holding backend/ and frontend/), from source or from the build. */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'backend', 'package.json')) && fs.existsSync(path.join(dir, 'frontend'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '../../..');
  }
}

export const REPO_ROOT = findRepoRoot(__dirname);
/** The built console (vite build output). */
export const CONSOLE_DIST_DIR = path.join(REPO_ROOT, 'frontend', 'dist');
