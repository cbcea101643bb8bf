// `npm run dev`: the API under tsx watch (reloads on change) and the Vite dev server, whose proxy
// sends /api, /livez and /readyz to the API. Open the URL Vite prints.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The file a package exposes as its command (dependencies are hoisted to the root node_modules). */
const binOf = (pkg, name = pkg) => {
  const dir = path.join(root, 'node_modules', pkg);
  const { bin } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, typeof bin === 'string' ? bin : bin[name]);
};
const tsxCli = binOf('tsx');

const children = [
  spawn(process.execPath, [tsxCli, 'watch', '--clear-screen=false', 'backend/src/server.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, [binOf('vite')], { cwd: path.join(root, 'frontend'), stdio: 'inherit' }),
];
const stop = (signal) => children.forEach((c) => c.kill(signal));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children)
  child.on('exit', (code) => {
    stop('SIGTERM');
    process.exitCode = code ?? 0;
  });
