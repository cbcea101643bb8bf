// `npm run build` (and the first step of `npm start`): compiles the backend and, when its sources
// changed since the last build, the console. Plain JavaScript so it runs before anything is built.
import { execFileSync } from 'node:child_process';
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
const run = (bin, args, cwd = root) => execFileSync(process.execPath, [bin, ...args], { cwd, stdio: 'inherit' });

function newestMtime(entries) {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(p)) if (child !== 'node_modules' && child !== 'dist') visit(path.join(p, child));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  entries.forEach((e) => visit(path.join(root, e)));
  return newest;
}

/** Removes compiled files whose TypeScript source is gone (a deleted migration must not linger in dist). */
function pruneOrphans(distRoot) {
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.js(\.map)?$/.test(entry.name)) {
        const source = path.join(root, path.relative(distRoot, full)).replace(/\.js(\.map)?$/, '.ts');
        if (!fs.existsSync(source)) fs.rmSync(full);
      }
    }
  };
  if (fs.existsSync(distRoot)) visit(distRoot);
}

const started = Date.now();
process.stdout.write('Building the API…\n');
run(binOf('typescript', 'tsc'), ['-p', 'backend/tsconfig.build.json']);
pruneOrphans(path.join(root, 'backend/dist'));

const consoleIndex = path.join(root, 'frontend/dist/index.html');
const consoleSources = ['frontend/src', 'frontend/index.html', 'frontend/vite.config.ts', 'frontend/public', 'backend/src/contracts', 'package-lock.json'];
if (!fs.existsSync(consoleIndex) || newestMtime(consoleSources) > fs.statSync(consoleIndex).mtimeMs) {
  process.stdout.write('Building the console…\n');
  run(binOf('vite'), ['build', '--logLevel', 'warn'], path.join(root, 'frontend'));
} else {
  process.stdout.write('The console is up to date.\n');
}
process.stdout.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
