// Runs pg-cluster-fixture.ts in a child process and talks to it: PostgreSQL primaries, standbys,
// backups and restores of a test's own (see that file). `close()` stops every server it started.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface ClusterInfo {
  dir: string;
  adminUrl: string;
  /** The migrated database as the runtime role, and as its owner. */
  runtimeUrl: string;
  ownerUrl: string;
  primaryPort: number;
  standbyPort?: number;
}

export interface ClusterFixture {
  info: ClusterInfo;
  send<T = Record<string, unknown>>(command: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startClusterFixture(options: { standby?: boolean; archiving?: boolean; prefix?: string }, timeoutMs = 240_000): Promise<ClusterFixture> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'pg-cluster-fixture.ts'), JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting: ((message: Record<string, unknown>) => void)[] = [];
  lines.on('line', (line) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    waiting.shift()?.(message);
  });
  const next = (ms: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the cluster fixture did not answer within ${ms} ms\n${stderr}`)), ms);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the cluster fixture exited\n${stderr}`));
      });
      waiting.push((m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(String(m.error)));
        else resolve(m);
      });
    });
  const close = async () => {
    child.stdin!.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const info = (await next(timeoutMs)) as unknown as ClusterInfo;
    return {
      info,
      send: async <T>(command: Record<string, unknown>, ms = 120_000) => {
        const answer = next(ms);
        child.stdin!.write(`${JSON.stringify(command)}\n`);
        return (await answer) as T;
      },
      close,
    };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}
